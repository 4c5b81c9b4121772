/* kek.core.region_choosers.RegionsChooser: "Gebiete hinzufügen" opens Wagtail's region chooser
   (ModalWorkflow with the chooser's own handlers, several at once) and adds each chosen region
   as a ticked box; unticking one removes it when the form is saved. Where the field offers the
   regions of the object's district, the district chosen in the form (its chooser's hidden
   input, data-linked-district) narrows the list. */
(function () {
  "use strict";

  function setUp(root) {
    if (root.dataset.kekReady) {
      return;
    }
    root.dataset.kekReady = "1";
    var list = root.querySelector("[data-kek-regions-list]");
    var empty = root.querySelector("[data-kek-regions-empty]");
    var button = root.querySelector("[data-kek-regions-add]");
    if (!list || !button || typeof window.ModalWorkflow !== "function") {
      return;
    }

    function add(item) {
      var key = String(item.id);
      var present = Array.prototype.some.call(
        list.querySelectorAll("input[type=checkbox]"),
        function (box) { return box.value === key; }
      );
      if (present) {
        return;
      }
      var entry = document.createElement("li");
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = root.dataset.name;
      box.value = key;
      box.checked = true;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + item.title));
      entry.appendChild(label);
      list.appendChild(entry);
      if (empty) {
        empty.hidden = true;
      }
    }

    button.hidden = false;
    button.addEventListener("click", function () {
      var params = JSON.parse(root.dataset.scope || "{}");
      params.multiple = 1;
      var linked = root.dataset.linkedDistrict && document.getElementById(root.dataset.linkedDistrict);
      if (linked && /^\d+$/.test(linked.value)) {
        params.within = linked.value;
      }
      window.ModalWorkflow({
        url: root.dataset.modalUrl.split("?")[0],
        urlParams: params,
        onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
        responses: {
          chosen: function (result) {
            (Array.isArray(result) ? result : [result]).forEach(add);
          },
        },
      });
    });
  }

  function setUpAll() {
    document.querySelectorAll("[data-kek-regions]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
