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
 * Each option becomes a button; clicking it marks it right or wrong (only the
 * latest choice carries a mark) and shows its feedback in a live region (read
 * out by screen readers); "Try again" clears the question. Questions are
 * numbered by quiz.css, in page order, so the authors write no numbers. Without
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

    // "Try again" takes every mark and the feedback away; any option can also
    // be chosen again directly, which replaces the previous mark.
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "quiz-retry";
    retry.textContent = "Try again";
    retry.hidden = true;

    function clear() {
      group.querySelectorAll(".quiz-option").forEach(function (option) {
        option.setAttribute("aria-pressed", "false");
        option.classList.remove("quiz-chosen", "quiz-correct", "quiz-wrong");
      });
      feedback.className = "quiz-feedback";
      feedback.textContent = "";
    }

    retry.addEventListener("click", function () {
      clear();
      retry.hidden = true;
      var first = group.querySelector(".quiz-option");
      if (first) first.focus();
    });

    Array.prototype.forEach.call(list.querySelectorAll(":scope > li"), function (item) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "quiz-option";
      button.innerHTML = item.innerHTML;
      button.setAttribute("aria-pressed", "false");
      var correct = item.hasAttribute("data-correct");
      var explanation = item.getAttribute("data-feedback") || "";
      button.addEventListener("click", function () {
        clear();  // one mark at a time: the latest answer only
        button.setAttribute("aria-pressed", "true");
        button.classList.add("quiz-chosen", correct ? "quiz-correct" : "quiz-wrong");
        feedback.className = "quiz-feedback " + (correct ? "is-correct" : "is-wrong");
        feedback.textContent = (correct ? "Correct. " : "Not this one. ") + explanation;
        retry.hidden = false;
      });
      group.appendChild(button);
    });

    list.replaceWith(group);
    quiz.appendChild(feedback);
    quiz.appendChild(retry);
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
