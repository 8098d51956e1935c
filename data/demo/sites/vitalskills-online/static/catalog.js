(function () {
  var root = document.getElementById('catalog');
  function card(c) {
    var a = document.createElement('a');
    a.className = 'vs-card';
    a.href = c.url;
    a.innerHTML = '<h3></h3><p class="vs-card__meta"></p><p class="vs-card__price"></p>';
    a.querySelector('h3').textContent = c.title;
    a.querySelector('.vs-card__meta').textContent = c.credits + ' · ' + c.format;
    a.querySelector('.vs-card__price').textContent = c.price_display;
    return a;
  }
  function load(url) {
    fetch(url).then(function (r) { return r.json(); }).then(function (data) {
      data.courses.forEach(function (c) { root.appendChild(card(c)); });
      if (data.next) { load(data.next); }
    });
  }
  load(root.getAttribute('data-endpoint'));
})();
