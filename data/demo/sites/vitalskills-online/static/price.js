(function () {
  var el = document.querySelector('.vs-price');
  var id = parseInt(el.getAttribute('data-course-id'), 10);
  function find(url) {
    fetch(url).then(function (r) { return r.json(); }).then(function (data) {
      var hit = data.courses.filter(function (c) { return c.id === id; })[0];
      if (hit) { el.textContent = hit.price_display; } else if (data.next) { find(data.next); }
    });
  }
  find('/api/courses?page=1');
})();
