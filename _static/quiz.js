/* Self-check quizzes that answer on the static page, without a kernel.
 *
 * Authoring (raw HTML in a markdown cell or .md page, with NO blank line
 * inside the block, because a blank line ends a raw HTML block in Markdown):
 *
 *   <div class="quiz">
 *   <p class="quiz-question">Question text?</p>
 *   <ul class="quiz-options">
 *   <li data-feedback="Why this is wrong.">Wrong answer</li>
 *   <li data-correct data-feedback="Why this is right.">Right answer</li>
 *   </ul>
 *   </div>
 *
 * Each option becomes a button; clicking it marks it right or wrong and shows
 * its feedback in a live region (read out by screen readers). Without
 * JavaScript, and in JupyterLab, the quiz stays a readable list.
 */
(function () {
  "use strict";

  function makeQuiz(quiz, quizIndex) {
    var list = quiz.querySelector(".quiz-options");
    if (!list || quiz.classList.contains("quiz-ready")) return;
    var question = quiz.querySelector(".quiz-question");
    if (question && !question.id) question.id = "quiz-question-" + quizIndex;

    var feedback = document.createElement("p");
    feedback.className = "quiz-feedback";
    feedback.setAttribute("role", "status");
    feedback.setAttribute("aria-live", "polite");

    var group = document.createElement("div");
    group.className = "quiz-choices";
    group.setAttribute("role", "group");
    if (question) group.setAttribute("aria-labelledby", question.id);

    Array.prototype.forEach.call(list.querySelectorAll(":scope > li"), function (item) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "quiz-option";
      button.innerHTML = item.innerHTML;
      button.setAttribute("aria-pressed", "false");
      var correct = item.hasAttribute("data-correct");
      var explanation = item.getAttribute("data-feedback") || "";
      button.addEventListener("click", function () {
        group.querySelectorAll(".quiz-option").forEach(function (other) {
          other.setAttribute("aria-pressed", "false");
          other.classList.remove("quiz-chosen");
        });
        button.setAttribute("aria-pressed", "true");
        button.classList.add("quiz-chosen", correct ? "quiz-correct" : "quiz-wrong");
        feedback.className = "quiz-feedback " + (correct ? "is-correct" : "is-wrong");
        feedback.textContent = (correct ? "Correct. " : "Not this one. ") + explanation;
      });
      group.appendChild(button);
    });

    list.replaceWith(group);
    quiz.appendChild(feedback);
    quiz.classList.add("quiz-ready");
  }

  function init() {
    document.querySelectorAll("div.quiz").forEach(makeQuiz);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
