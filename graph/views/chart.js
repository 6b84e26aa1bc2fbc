(function () {
  "use strict";
  var name = document.body.getAttribute("data-name") || "chart";
  var view = window.stdkgView = { ready: false, lang: "zh" };

  function setLanguage(lang) {
    view.lang = lang;
    document.querySelectorAll("[data-zh]").forEach(function (el) {
      el.textContent = el.getAttribute(lang === "en" ? "data-en" : "data-zh");
    });
    document.documentElement.lang = lang === "en" ? "en" : "zh-Hans";
  }
  var langSelect = document.getElementById("lang");
  langSelect.addEventListener("change", function () { setLanguage(langSelect.value); });
  view.setLanguage = function (lang) { langSelect.value = lang; setLanguage(lang); };

  function chartSvg(index) {
    return document.querySelector("#chart-" + index + " svg");
  }
  function svgText(index) {
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(chartSvg(index));
  }
  function pngDataUrl(index) {
    var svg = chartSvg(index);
    var w = Number(svg.getAttribute("width")), h = Number(svg.getAttribute("height"));
    var src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText(index));
    return new Promise(function (resolve, reject) {
      var img = new Image();
      img.onload = function () {
        var canvas = document.createElement("canvas");
        canvas.width = w * 2;
        canvas.height = h * 2;
        var ctx = canvas.getContext("2d");
        ctx.scale(2, 2);
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(0, 0, w, h);
        ctx.drawImage(img, 0, 0, w, h);
        resolve(canvas.toDataURL("image/png"));
      };
      img.onerror = function () { reject(new Error("the chart could not be drawn as an image")); };
      img.src = src;
    });
  }
  function save(href, filename) {
    var a = document.createElement("a");
    a.href = href;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  view.exportSvg = svgText;
  view.exportPng = pngDataUrl;
  document.querySelectorAll("button.save-svg").forEach(function (b) {
    b.addEventListener("click", function () {
      var i = b.getAttribute("data-chart");
      var url = URL.createObjectURL(new Blob([svgText(i)], { type: "image/svg+xml" }));
      save(url, name + "-" + i + ".svg");
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    });
  });
  document.querySelectorAll("button.save-png").forEach(function (b) {
    b.addEventListener("click", function () {
      var i = b.getAttribute("data-chart");
      pngDataUrl(i).then(function (url) { save(url, name + "-" + i + ".png"); });
    });
  });
  view.ready = true;
})();
