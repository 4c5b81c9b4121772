/* Main navigation (templates/_navigation.html, styles in kek/site.css).

   Without this script every group of the navigation is a plain list of links. With it:
   - from 64em each group is a disclosure button (aria-expanded, aria-controls) that opens a
     small panel with the group's links; one panel at a time; Escape closes it and returns
     focus to its button; a click outside or moving focus out of the group closes it;
   - on narrower screens the "Menü" button shows and hides the whole navigation, the groups
     stacked with their links (Escape closes it too).
   Which of the two applies is left to the stylesheet's media queries. */
(function () {
  "use strict";

  var nav = document.getElementById("kek-hauptnavigation");
  var header = nav && nav.closest(".kek-header");
  if (!header) {
    return;
  }
  var toggle = header.querySelector(".kek-menu-toggle");
  var buttons = Array.prototype.slice.call(nav.querySelectorAll(".kek-main-nav__button"));

  function shown(element) {
    return element.getClientRects().length > 0;
  }

  function setExpanded(button, expanded) {
    button.setAttribute("aria-expanded", expanded ? "true" : "false");
  }

  function isOpen(button) {
    return button.getAttribute("aria-expanded") === "true";
  }

  function closeGroups(except) {
    buttons.forEach(function (button) {
      if (button !== except) {
        setExpanded(button, false);
      }
    });
  }

  function openGroup() {
    for (var i = 0; i < buttons.length; i += 1) {
      if (isOpen(buttons[i]) && shown(buttons[i])) {
        return buttons[i];
      }
    }
    return null;
  }

  buttons.forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var expand = !isOpen(button);
      closeGroups(button);
      setExpanded(button, expand);
    });
    // Tabbing out of a group (to the next button, say) closes its panel.
    button.parentElement.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (next && !button.parentElement.contains(next)) {
        setExpanded(button, false);
      }
    });
  });

  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      setExpanded(toggle, !isOpen(toggle));
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") {
      return;
    }
    var group = openGroup();
    if (group) {
      setExpanded(group, false);
      group.focus();
      event.preventDefault();
    } else if (toggle && isOpen(toggle) && shown(toggle) &&
               (nav.contains(document.activeElement) || document.activeElement === toggle)) {
      setExpanded(toggle, false);
      toggle.focus();
      event.preventDefault();
    }
  });

  document.addEventListener("click", function (event) {
    var group = openGroup();
    if (group && !group.parentElement.contains(event.target)) {
      setExpanded(group, false);
    }
  });

  header.classList.add("kek-header--js");
})();
