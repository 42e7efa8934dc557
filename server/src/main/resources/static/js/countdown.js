// Shows the time left until each element's data-until instant, updated every second.
(function () {
  "use strict";
  function tick() {
    document.querySelectorAll(".countdown[data-until]").forEach(function (element) {
      var left = Math.max(0, Math.floor((Date.parse(element.dataset.until) - Date.now()) / 1000));
      var minutes = Math.floor(left / 60);
      var seconds = left % 60;
      element.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
    });
  }
  tick();
  setInterval(tick, 1000);
})();
