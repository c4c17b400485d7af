/* Margin Academy practice desk: the replay player. Loaded (deferred) after htmx and charts.js.

   Every number comes from the server. Playing asks POST /practice/step/ for a second of steps at
   the chosen speed; the answer is the account's new state with, in <template>s, the figures of
   each step before it. Those frames are shown one a tick, the chart revealed up to each frame's
   step (points the server computed, never new ones), then the new state is swapped in. The
   server stops a batch on a step whose event pauses the replay; the player pauses there too.
   While one batch is shown the next is already asked for, so no step is skipped at 10 steps/s.
   Without JavaScript the page keeps its "Next step" and "Play 10 steps" forms. */
(function () {
  'use strict';

  var player = document.getElementById('practice-player');
  if (!player || !window.fetch || !window.htmx) { return; }
  var playButton = player.querySelector('[data-practice-play]');
  var speed = player.querySelector('[data-practice-speed]');
  var token = player.querySelector('input[name="csrfmiddlewaretoken"]').value;
  player.querySelector('.practice-js-controls').hidden = false;
  player.querySelectorAll('.practice-nojs').forEach(function (form) { form.hidden = true; });

  var playing = false;
  var waiting = false; /* a batch is being asked for */
  var queue = []; /* {frame: <template>, charts: {id: figure}} or {state: html, stops: bool} */
  var timer = null;
  var due = 0; /* when the next frame is due (performance.now() time) */
  var shown = 0; /* frames the player showed */
  var played = 0; /* steps it moved the screen on by: more than `shown` means a step skipped */
  var onScreen = Number(currentState().dataset.step); /* the step the screen shows */

  function currentState() { return document.getElementById('practice-state'); }

  /* The server works the math out for the next state only when the reader has it open. */
  var MATH_OPEN = 'X-Practice-Math-Open';
  function mathOpen() {
    return document.querySelector('#practice-state details.calc-math[open]') ? '1' : '0';
  }
  document.addEventListener('htmx:configRequest', function (event) {
    event.detail.headers[MATH_OPEN] = mathOpen();
  });

  function count() {
    player.dataset.framesShown = String(shown);
    player.dataset.stepsPlayed = String(played);
  }

  function ask() {
    if (waiting || !playing || queue.some(function (item) { return item.stops; })) { return; }
    waiting = true;
    var body = new FormData();
    body.append('steps', String(Math.max(1, Math.min(50, Number(speed.value) || 1))));
    fetch(player.dataset.stepUrl, {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { 'HX-Request': 'true', 'X-CSRFToken': token, 'X-Practice-Math-Open': mathOpen() }
    }).then(function (response) {
      return response.text().then(function (text) { received(response.ok, text); });
    }).catch(function () { waiting = false; stop(); });
  }

  function received(ok, text) {
    waiting = false;
    if (!ok) { /* refused (the path ended, none chosen): show the errors it sent */
      stop();
      window.htmx.swap(currentState(), text, { swapStyle: 'none' });
      return;
    }
    var holder = document.createElement('template');
    holder.innerHTML = text;
    var next = holder.content.getElementById('practice-state');
    var charts = figures(holder.content);
    holder.content.querySelectorAll('#practice-frames > template').forEach(function (frame) {
      queue.push({ frame: frame, charts: charts });
    });
    var stops = next.dataset.finished === 'yes' || next.dataset.pauses === 'yes';
    queue.push({ state: text, step: Number(next.dataset.step), stops: stops });
    if (!playing) { flush(); return; }
    if (!timer) { tick(); }
  }

  function figures(root) {
    var found = {};
    root.querySelectorAll('[data-figure]').forEach(function (element) {
      var holder = root.getElementById(element.dataset.figure);
      var source = holder && holder.content.querySelector('script');
      if (source) { found[element.dataset.figure] = JSON.parse(source.textContent); }
    });
    return found;
  }

  function tick() {
    timer = null;
    var item = queue.shift();
    if (!item) { if (playing) { ask(); } return; }
    show(item);
    if (item.stops) { stop(); return; }
    /* The next batch is asked for with half a second still to show, so it is there in time. */
    if (queue.length <= Math.max(1, (Number(speed.value) || 1) / 2)) { ask(); }
    if (playing) {
      /* On a steady beat: the time a frame takes to show comes out of the wait, not on top;
         behind the beat, the next frame still waits a paint (16 ms), never skipped unseen. */
      var now = performance.now();
      due = Math.max(due + 1000 / (Number(speed.value) || 1), now);
      timer = window.setTimeout(tick, Math.max(16, due - now));
    }
  }

  function show(item) {
    var step = item.state ? item.step : Number(item.frame.dataset.step);
    shown += 1;
    played += step - onScreen;
    onScreen = step;
    count();
    if (item.state) {
      var state = currentState();
      /* charts.js keeps the drawn charts on this event and redraws them in place (faster). */
      window.htmx.trigger(state, 'htmx:beforeSwap', { shouldSwap: true, target: state });
      window.htmx.swap(state, item.state, { swapStyle: 'outerHTML' });
      return;
    }
    var live = currentState().querySelector('.practice-live');
    live.replaceWith(item.frame.content.cloneNode(true));
    Object.keys(item.charts).forEach(function (id) { reveal(id, item.charts[id], step); });
  }

  /* Redraw a drawn chart with the batch's points up to `step` (x is the step). Only charts on
     screen: the others catch up when the batch's state is swapped in. */
  function reveal(id, figure, step) {
    var chart = document.querySelector('.js-plotly-plot[data-figure="' + id + '"]');
    if (!chart || !window.Plotly || !onScreenNow(chart)) { return; }
    var data = figure.data.map(function (trace) {
      var keep = trace.x.filter(function (x) { return x <= step; }).length;
      return Object.assign({}, trace, { x: trace.x.slice(0, keep), y: trace.y.slice(0, keep) });
    });
    window.Plotly.react(chart, data, figure.layout);
  }

  function onScreenNow(element) {
    var box = element.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }

  /* Pausing shows at once the latest state the server has played. */
  function flush() {
    var last = null;
    while (queue.length) {
      var item = queue.shift();
      if (item.state) { last = item; }
    }
    if (last) { show(last); }
  }

  function play() {
    if (playing) { return; }
    playing = true;
    due = performance.now();
    playButton.textContent = 'Pause';
    playButton.setAttribute('aria-pressed', 'true');
    if (queue.length) { tick(); } else { ask(); }
  }

  function stop() {
    playing = false;
    if (timer) { window.clearTimeout(timer); timer = null; }
    flush();
    playButton.textContent = 'Play';
    playButton.setAttribute('aria-pressed', 'false');
  }

  playButton.addEventListener('click', function () { if (playing) { stop(); } else { play(); } });
  /* A control used while playing acts on the state the server has: pause first. */
  document.addEventListener('htmx:beforeRequest', function () { if (playing) { stop(); } });
  /* A control's answer (not the player's) moves the screen on without being counted. */
  document.addEventListener('htmx:afterSwap', function () { onScreen = Number(currentState().dataset.step); });
  count();
})();
