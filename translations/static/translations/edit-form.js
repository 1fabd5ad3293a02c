/* The translators' edit form (translations/panels.py): show only the source and one language, and ask
   before a review button leaves the form with unsaved changes. Plain JS, no outside host. */
(function () {
  "use strict";

  function apply(root, choice) {
    var source = root.getAttribute("data-source");
    var form = root.closest("form") || document;
    form.querySelectorAll("[data-cms-language]").forEach(function (section) {
      var code = section.getAttribute("data-cms-language");
      // A language with an error stays shown: a hidden error could not be corrected.
      var hasError = section.querySelector(".w-field--error, .error-message, [aria-invalid=true]") !== null;
      section.hidden = Boolean(choice) && code !== source && code !== choice && !hasError;
    });
    form.classList.toggle("cms-two-languages", Boolean(choice));
  }

  function setUp(root) {
    var key = root.getAttribute("data-preference-key");
    var choices = root.querySelectorAll("[data-cms-show-choice]");
    var stored = null;
    try {
      stored = window.localStorage.getItem(key);
    } catch (error) {
      stored = null;
    }
    var valid = Array.prototype.some.call(choices, function (input) {
      return input.value === stored;
    });
    choices.forEach(function (input) {
      if (stored !== null && valid) {
        input.checked = input.value === stored;
      }
      input.addEventListener("change", function () {
        if (!input.checked) return;
        try {
          window.localStorage.setItem(key, input.value);
        } catch (error) {
          /* private mode: the choice lasts for this page only */
        }
        apply(root, input.value);
      });
    });
    function applyChecked() {
      var checked = root.querySelector("[data-cms-show-choice]:checked");
      apply(root, checked ? checked.value : "");
    }
    applyChecked();
    // Stream fields draw their errors once their scripts have run.
    window.addEventListener("load", applyChecked);

    root.querySelectorAll("[data-cms-review]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        var form = button.form;
        var dirty = form && form.getAttribute("data-w-unsaved-has-edits-value") === "true";
        if (dirty && !window.confirm(root.getAttribute("data-confirm"))) {
          event.preventDefault();
        }
      });
    });
  }

  function init() {
    document.querySelectorAll("[data-cms-translations]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
