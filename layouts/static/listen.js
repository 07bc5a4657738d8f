/* 'Listen to this page': the main content read aloud by the browser's own speech synthesis, in
   the page's language. No outside service: where the browser cannot speak, nothing is shown. */
(function () {
  'use strict';
  // The page's words in another language are on this script's tag (data-i18n); English is here.
  var said = Object.assign({group: 'Listen to this page', listen: 'Listen', pause: 'Pause', stop: 'Stop',
                            carryOn: 'Carry on'}, JSON.parse(document.currentScript.getAttribute('data-i18n') || '{}'));
  var speech = window.speechSynthesis;
  var main = document.getElementById('main');
  var heading = main && main.querySelector('h1');
  if (!speech || !window.SpeechSynthesisUtterance || !heading) return;

  var BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,figcaption';
  var SKIP = 'nav,script,style,template,button,form,[hidden],[aria-hidden="true"],.listen,.print-head';

  /* The text of each block of the main content in reading order, without navigation, hidden
     text or controls; a block inside another (a paragraph in a list item) is read once. */
  function blocks() {
    var out = [];
    main.querySelectorAll(BLOCKS).forEach(function (node) {
      if (node.closest(SKIP) || node.parentElement.closest(BLOCKS)) return;
      if (getComputedStyle(node).display === 'none') return;
      var copy = node.cloneNode(true);
      copy.querySelectorAll(SKIP).forEach(function (n) { n.remove(); });
      var text = copy.textContent.replace(/\s+/g, ' ').trim();
      if (text) out.push(text);
    });
    return out;
  }

  var box = document.createElement('div');
  box.className = 'listen';
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', said.group);
  var make = function (label) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    box.appendChild(b);
    return b;
  };
  var play = make(said.listen);
  var pause = make(said.pause);
  var stop = make(said.stop);
  var state = 'stopped';

  function set(next) {
    state = next;
    play.textContent = next === 'paused' ? said.carryOn : said.listen;
    play.disabled = next === 'playing';
    pause.disabled = next !== 'playing';
    stop.disabled = next === 'stopped';
  }

  play.addEventListener('click', function () {
    if (state === 'paused') {
      speech.resume();
      set('playing');
      return;
    }
    speech.cancel();
    var lang = document.documentElement.lang;
    var parts = blocks();
    parts.forEach(function (text, i) {
      var u = new SpeechSynthesisUtterance(text);
      if (lang) u.lang = lang;
      if (i === parts.length - 1) {
        u.onend = function () {
          if (state !== 'playing') return;
          var focused = document.activeElement === pause;
          set('stopped');
          if (focused) play.focus();
        };
      }
      speech.speak(u);
    });
    set('playing');
    pause.focus();
  });
  pause.addEventListener('click', function () { speech.pause(); set('paused'); play.focus(); });
  stop.addEventListener('click', function () { set('stopped'); speech.cancel(); play.focus(); });
  window.addEventListener('pagehide', function () { speech.cancel(); });

  set('stopped');
  /* Under the title; on a service's page under its contact box, which a phone shows first. */
  (main.querySelector('.service .key') || heading).insertAdjacentElement('afterend', box);
})();
