(function () {
  var root = document.getElementById('course-list');
  var page = parseInt(new URLSearchParams(location.search).get('page') || '1', 10);
  var size = parseInt(root.getAttribute('data-page-size'), 10);
  fetch('/api/courses.json').then(function (r) { return r.json(); }).then(function (data) {
    data.courses.slice((page - 1) * size, page * size).forEach(function (c) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = c.url;
      link.textContent = c.title;
      item.appendChild(link);
      item.appendChild(document.createTextNode(' · ' + c.credits + ' · ' + c.price));
      root.appendChild(item);
    });
    if (page * size < data.courses.length) {
      var next = document.createElement('a');
      next.href = '/catalog/?page=' + (page + 1);
      next.className = 'bp-next';
      next.textContent = 'Next page';
      root.parentNode.appendChild(next);
    }
  });
})();
