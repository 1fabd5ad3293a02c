// Several snippets chosen in Wagtail's own chooser modal (its multiple selection), kept as a list of hidden
// inputs named after the field, so the form posts the ids as a <select multiple> would.
(() => {
  function init(root) {
    if (root.dataset.cmsReady) return;
    root.dataset.cmsReady = '1';
    const list = root.querySelector('.cms-chosen__list');
    let factory = null;

    function changed(input) {
      (input || root).dispatchEvent(new Event('change', { bubbles: true }));
    }

    function add(result) {
      const id = String(result.id);
      const present = Array.from(list.children).some((item) => item.dataset.id === id);
      if (present) return;
      const item = document.createElement('li');
      item.className = 'cms-chosen__item';
      item.dataset.id = id;
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = root.dataset.name;
      input.value = id;
      const label = document.createElement('bdi');
      label.className = 'cms-chosen__label';
      label.textContent = result.string || result.title || id;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'button button-small button-secondary cms-chosen__remove';
      remove.dataset.cmsRemove = '';
      remove.setAttribute('aria-label', `${root.dataset.removeLabel}: ${label.textContent}`);
      remove.textContent = '\u00d7';
      item.append(input, label, remove);
      list.append(item);
      changed(input);
    }

    root.addEventListener('click', (event) => {
      const remove = event.target.closest('[data-cms-remove]');
      if (remove) {
        remove.closest('li').remove();
        changed();
        return;
      }
      if (!event.target.closest('[data-cms-open]')) return;
      if (!factory) factory = window.telepath.unpack(JSON.parse(root.dataset.chooser));
      factory.openModal(
        (results) => (Array.isArray(results) ? results : [results]).forEach(add),
        { multiple: true },
      );
    });
  }

  function initAll() {
    document.querySelectorAll('[data-cms-multiple-chooser]').forEach(init);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', initAll);
  } else {
    initAll();
  }
})();
