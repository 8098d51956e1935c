/* Apex catalog: client-side rendered course list. */
(function () {
  'use strict';

  var API = '/api/v2/catalog.json?offset=0&limit=4';
  var app = document.getElementById('app');
  var state = { items: [], filter: 'all', query: '', loading: true, error: null };

  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'class') { node.className = attrs[key]; }
      else if (key === 'text') { node.textContent = attrs[key]; }
      else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function hrefFor(item) {
    return item.type === 'path' ? '/catalog/path/' + item.id : '/catalog/course/' + item.id;
  }

  function card(item) {
    var badges = [];
    if (item.status === 'retired') { badges.push(h('span', { 'class': 'badge badge--muted', text: 'Retired' })); }
    if (item.status === 'restricted') { badges.push(h('span', { 'class': 'badge', text: 'Teams' })); }
    if (item.type === 'path') { badges.push(h('span', { 'class': 'badge badge--path', text: 'Learning path' })); }
    return h('li', { 'class': 'catalog-card', 'data-category': item.category }, [
      h('a', { 'class': 'catalog-card__link', href: hrefFor(item) }, [
        h('div', { 'class': 'catalog-card__badges' }, badges),
        h('h3', { 'class': 'catalog-card__title', text: item.title }),
        h('p', { 'class': 'catalog-card__meta', text: item.credits + ' \u00b7 ' + item.format }),
        h('p', { 'class': 'catalog-card__price', text: item.price_display })
      ])
    ]);
  }

  function visible() {
    return state.items.filter(function (item) {
      var okCat = state.filter === 'all' || item.category === state.filter;
      var okQuery = !state.query || item.title.toLowerCase().indexOf(state.query) !== -1;
      return okCat && okQuery;
    });
  }

  function render() {
    app.innerHTML = '';
    var categories = ['all'];
    state.items.forEach(function (item) {
      if (categories.indexOf(item.category) === -1) { categories.push(item.category); }
    });
    var filters = h('div', { 'class': 'catalog-filters', role: 'toolbar' }, categories.map(function (cat) {
      var b = h('button', { type: 'button', 'class': 'chip' + (cat === state.filter ? ' chip--active' : ''), text: cat === 'all' ? 'All' : cat });
      b.addEventListener('click', function () { state.filter = cat; render(); });
      return b;
    }));
    var search = h('input', { type: 'search', 'class': 'catalog-search', placeholder: 'Search courses', value: state.query });
    search.addEventListener('input', function (ev) { state.query = ev.target.value.toLowerCase(); render(); });
    var list = h('ul', { 'class': 'catalog-grid' }, visible().map(card));
    var status = null;
    if (state.error) { status = h('p', { 'class': 'catalog-status catalog-status--error', text: 'Sorry, the catalog could not be loaded. ' + state.error }); }
    else if (state.loading) { status = h('p', { 'class': 'catalog-status', text: 'Loading more courses\u2026' }); }
    app.appendChild(h('section', { 'class': 'catalog' }, [
      h('h1', { 'class': 'catalog__title', text: 'Course catalog' }),
      h('p', { 'class': 'catalog__count', text: state.items.length + ' items' }),
      filters, search, list, status
    ]));
  }

  function load(url) {
    return fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (res) {
        if (!res.ok) { throw new Error('HTTP ' + res.status); }
        return res.json();
      })
      .then(function (page) {
        state.items = state.items.concat(page.items);
        state.loading = Boolean(page.next);
        render();
        if (page.next) { return load(page.next); }
        return null;
      });
  }

  render();
  load(API).catch(function (err) {
    state.loading = false;
    state.error = err.message;
    render();
  });
})();
