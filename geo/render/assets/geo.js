/* geo: runtime of the offline control map (time slider, holder layers, territory).
 *
 * Data come from JSON script blocks (type application/json) written by geo.render. Every
 * string of report text in them (place names, outlets, documents, evidence) was
 * escaped with html.escape in Python (geo/render/popups.py): popupHtml only joins those
 * strings with fixed markup, and nothing here evaluates data as code.
 * Window API for tests and power users: window.geoMap (see makeApi below).
 */
(function (window, document) {
  "use strict";
  var L = window.L;
  var geo = (window.geo = {});

  // -- decoding -------------------------------------------------------------------------
  // A ring is [lat0, lon0, dlat1, dlon1, ...] in integer units of 1/scale degree.
  function decodeRing(flat, scale) {
    var out = [], lat = 0, lon = 0;
    for (var i = 0; i + 1 < flat.length; i += 2) {
      lat += flat[i];
      lon += flat[i + 1];
      out.push([lat / scale, lon / scale]);
    }
    return out;
  }
  function decodeShape(shape, scale) {
    return shape.map(function (rings) {
      return rings.map(function (ring) { return decodeRing(ring, scale); });
    });
  }
  geo.decodeRing = decodeRing;
  geo.decodeShape = decodeShape;

  geo.readData = function (id) {
    return JSON.parse(document.getElementById(id).textContent);
  };

  // Runs are sorted, disjoint [first, last, value] (or [first, last]) slice-index spans.
  function lookup(runs, i) {
    var lo = 0, hi = runs.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1, run = runs[mid];
      if (i < run[0]) hi = mid - 1;
      else if (i > run[1]) lo = mid + 1;
      else return run.length > 2 ? run[2] : 0;
    }
    return -1;
  }
  geo.lookup = lookup;

  // -- base map (schematic: boundaries, a river, towns) ------------------------------------
  geo.baseLayer = function (map, data) {
    // Land under the tile pane (so switched-on tiles cover it), lines above it.
    var land = map.getPane("geo-land") || map.createPane("geo-land");
    land.style.zIndex = 150;
    var pane = map.getPane("geo-base") || map.createPane("geo-base");
    pane.style.zIndex = 250;
    var group = L.featureGroup();
    var s = data.scale;
    L.polygon(decodeShape(data.border, s), {
      pane: "geo-land", interactive: false, stroke: false, fillColor: "#fbfaf5", fillOpacity: 1
    }).addTo(group);
    L.polygon(decodeShape(data.border, s), {
      pane: "geo-base", interactive: false, color: "#555", weight: 1.6, fill: false
    }).addTo(group);
    data.governorates.forEach(function (g) {
      L.polygon(decodeShape(g.g, s), {
        pane: "geo-base", interactive: false, color: "#9a9a9a", weight: 0.8,
        dashArray: "4 3", fill: false
      }).addTo(group);
    });
    data.rivers.forEach(function (r) {
      L.polyline(decodeRing(r.g, s), {
        pane: "geo-base", interactive: false, color: "#6fa8dc", weight: 2.2, opacity: 0.9
      }).addTo(group);
    });
    return group;
  };

  geo.townsLayer = function (map, data) {
    var pane = map.getPane("geo-labels") || map.createPane("geo-labels");
    pane.style.zIndex = 450;
    pane.style.pointerEvents = "none";
    var group = L.featureGroup();
    data.towns.forEach(function (t) {
      var el = document.createElement("span");
      el.className = "geo-town-label";
      el.textContent = t[0];
      L.marker([t[1], t[2]], {
        pane: "geo-labels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "geo-town", html: el, iconSize: null, iconAnchor: [3, 3] })
      }).addTo(group);
    });
    return group;
  };

  // A layer-control entry that shows or hides a whole pane (the territory shading).
  geo.paneToggle = function (map, name, zIndex) {
    var pane = map.getPane(name) || map.createPane(name);
    pane.style.zIndex = zIndex;
    pane.style.display = "none";
    var Toggle = L.Layer.extend({
      onAdd: function () { pane.style.display = ""; return this; },
      onRemove: function () { pane.style.display = "none"; return this; }
    });
    return new Toggle();
  };

  // -- legend and title -------------------------------------------------------------------
  // `html` is built by geo.render.legend from constants only (no report text).
  geo.legend = function (map, html, position) {
    var Legend = L.Control.extend({
      options: { position: position || "bottomright" },
      onAdd: function () {
        var div = L.DomUtil.create("div", "geo-legend leaflet-bar");
        div.innerHTML = html;
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      }
    });
    return new Legend().addTo(map);
  };

  geo.title = function (map, text) {
    var Title = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var div = L.DomUtil.create("div", "geo-title");
        div.textContent = text;
        return div;
      }
    });
    return new Title().addTo(map);
  };

  // -- places, territory and the slider ------------------------------------------------------
  var PLAY = '<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">' +
    '<path d="M4 2.5v11l9-5.5z" fill="currentColor"/></svg>';
  var PAUSE = '<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">' +
    '<path d="M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z" fill="currentColor"/></svg>';
  var STEP = '<svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">' +
    '<path d="M5 2.5l6 5.5-6 5.5z" fill="currentColor"/></svg>';

  geo.init = function (map, data, groups, options) {
    options = options || {};
    var dates = data.dates, ivs = data.intervals, scale = data.scale;
    var places = data.places, byId = {}, icons = {}, index = -1, timer = null;

    // Who the interval paints the map for (null: nobody, after a withdrawal).
    function holderOf(iv) {
      return iv.s === "withdrew" ? null : iv.s === "contested" ? "contested" : iv.a;
    }

    function icon(key) {
      if (!icons[key]) {
        icons[key] = L.divIcon({
          className: "geo-marker", html: data.icons[key],
          iconSize: [20, 20], iconAnchor: [10, 10], popupAnchor: [0, -8]
        });
      }
      return icons[key];
    }

    places.forEach(function (p) {
      byId[p.id] = p;
      p.cur = -1;
      p.icon = null;
      p.group = null;
      p.marker = L.marker([p.lat, p.lon], { riseOnHover: true });
      p.marker.bindPopup("", { maxWidth: 380, minWidth: 240, autoPanPadding: [20, 60] });
      p.marker.bindTooltip(p.n, { direction: "right", offset: [8, 0] });  // escaped
    });

    var pieces = data.pieces.map(function (pc) {
      return {
        place: places[pc.p], spans: pc.s, cur: -1, group: null,
        layer: L.polygon(decodeShape(pc.g, scale), {
          pane: "geo-territory", interactive: false, stroke: false, fillOpacity: 0.42
        })
      };
    });

    // Every string used here was HTML-escaped by geo.render.popups; this only joins
    // them with fixed markup.
    function popupHtml(p, iv) {
      var holders = data.labels.holders, strings = data.strings;
      var who = holders[iv.a] || holders.unknown;
      var rows = [
        ["Holder", '<span class="geo-swatch" style="background:' + who[1] + '"></span>' + who[0]],
        ["Status", data.labels.statuses[iv.s] || iv.s],
        ["Since", iv.st]
      ];
      if (iv.en) rows.push(["Until", iv.en]);
      else if (data.labels.until) rows.push(["Until", data.labels.until + " (open)"]);
      if (iv.fr !== null && iv.fr !== undefined) rows.push(["Fraction", iv.fr]);
      rows.push(["Confidence", iv.cf]);
      var html = '<div class="geo-popup"><div class="geo-popup-title">' + p.n +
        (p.lv === "settlement" ? "" : ' <span class="geo-level">(' + p.lv + ")</span>") +
        // A name the gazetteer lacks, placed by where the report says it is.
        (p.id.indexOf("approx:") === 0 ?
          ' <span class="geo-level">(approximate location)</span>' : "") +
        '</div><table class="geo-facts">';
      rows.forEach(function (r) { html += "<tr><th>" + r[0] + "</th><td>" + r[1] + "</td></tr>"; });
      html += '</table><div class="geo-claims-title">Supporting claims (' + iv.nc +
        ')</div><ol class="geo-claims">';
      iv.c.forEach(function (n) {
        var c = data.claims[n], actor = holders[c[3]] || holders.unknown;
        html += '<li><div class="geo-claim-head"><span class="geo-claim-date">' + c[0] +
          '</span> <span class="geo-claim-source">' + strings[c[1]] +
          '</span> <span class="geo-claim-doc">' + strings[c[2]] +
          '</span><span class="geo-claim-what">' + actor[0] + " " + c[4] +
          (c[5] ? " " + c[5] : "") + '</span></div><blockquote class="geo-evidence">' +
          c[6] + "</blockquote></li>";
      });
      if (iv.nc > iv.c.length) {
        html += '<li class="geo-more">and ' + (iv.nc - iv.c.length) +
          " older claims (see claims.csv)</li>";
      }
      return html + "</ol></div>";
    }

    function move(item, layer, group) {
      if (item.group === group) return;
      if (item.group) item.group.removeLayer(layer);
      item.group = group;
      if (group) group.addLayer(layer);
    }

    function show(i) {
      index = i;
      places.forEach(function (p) {
        var k = lookup(p.r, i);
        var iv = k < 0 ? null : ivs[k];
        // Just captured (within the capture window): the "captured" symbol.
        var key = iv ? (iv.ci !== undefined && i <= iv.ce ? iv.ci : iv.i) : null;
        if (k === p.cur && key === p.icon) return;
        if (k !== p.cur && iv) p.marker.setPopupContent(popupHtml(p, iv));
        p.cur = k;
        p.icon = key;
        if (!iv) { move(p, p.marker, null); return; }
        p.marker.setIcon(icon(key));
        move(p, p.marker, groups[holderOf(iv) || iv.a] || null);
      });
      pieces.forEach(function (pc) {
        var k = lookup(pc.spans, i) < 0 ? -1 : pc.place.cur;
        var iv = k < 0 ? null : ivs[k], holds = iv && holderOf(iv);
        if (!holds) { pc.cur = -1; move(pc, pc.layer, null); return; }
        if (k !== pc.cur) {
          pc.cur = k;
          pc.layer.setStyle({ fillColor: data.fills[holds] || data.fills.unknown });
        }
        move(pc, pc.layer, groups[holds] || null);
      });
      if (control) control.update();
    }

    function setIndex(i) {
      i = Math.max(0, Math.min(dates.length - 1, Math.round(+i) || 0));
      if (i !== index) show(i);
      return dates[i];
    }
    // The slice showing `iso`: the last slice date on or before it (the first if none).
    function indexOf(iso) {
      var i = 0;
      while (i + 1 < dates.length && dates[i + 1] <= iso) i++;
      return i;
    }
    function play() {
      if (timer) return;
      if (index >= dates.length - 1) setIndex(0);
      timer = window.setInterval(function () {
        if (index >= dates.length - 1) pause();
        else setIndex(index + 1);
      }, options.frameMs || 900);
      if (control) control.update();
    }
    function pause() {
      if (timer) window.clearInterval(timer);
      timer = null;
      if (control) control.update();
    }

    var Slider = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var div = L.DomUtil.create("div", "geo-slider leaflet-bar");
        var playBtn = L.DomUtil.create("button", "geo-play", div);
        var prev = L.DomUtil.create("button", "geo-step geo-prev", div);
        var range = L.DomUtil.create("input", "geo-range", div);
        var next = L.DomUtil.create("button", "geo-step geo-next", div);
        var label = L.DomUtil.create("output", "geo-date", div);
        playBtn.type = prev.type = next.type = "button";
        prev.innerHTML = next.innerHTML = STEP;
        prev.title = "Previous date";
        next.title = "Next date";
        prev.setAttribute("aria-label", prev.title);
        next.setAttribute("aria-label", next.title);
        range.type = "range";
        range.min = 0;
        range.max = Math.max(0, dates.length - 1);
        range.step = 1;
        range.setAttribute("aria-label", "Date of the map");
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        L.DomEvent.on(range, "input change", function () { setIndex(range.value); });
        L.DomEvent.on(playBtn, "click", function () { if (timer) pause(); else play(); });
        L.DomEvent.on(prev, "click", function () { pause(); setIndex(index - 1); });
        L.DomEvent.on(next, "click", function () { pause(); setIndex(index + 1); });
        this.update = function () {
          range.value = index;
          label.textContent = dates[index] || "";
          range.setAttribute("aria-valuetext", dates[index] || "");
          playBtn.innerHTML = timer ? PAUSE : PLAY;
          playBtn.title = timer ? "Pause" : "Play";
          playBtn.setAttribute("aria-label", playBtn.title);
        };
        return div;
      }
    });
    var control = dates.length ? new Slider().addTo(map) : null;
    setIndex(options.start === "first" ? 0 : dates.length - 1);

    var api = {
      map: map,
      dates: dates.slice(),
      places: places.map(function (p) {
        return { id: p.id, name: p.n, lat: p.lat, lon: p.lon, level: p.lv };
      }),
      setIndex: setIndex,
      setDate: function (iso) { return setIndex(indexOf(String(iso))); },
      indexOf: indexOf,
      index: function () { return index; },
      date: function () { return dates[index]; },
      play: play,
      pause: pause,
      playing: function () { return timer !== null; },
      marker: function (id) { return byId[id] ? byId[id].marker : null; },
      // Fill colour of the marker as drawn (null when the place is not on the map).
      markerColour: function (id) {
        var p = byId[id], el = p && p.group && map.hasLayer(p.marker) && p.marker.getElement();
        var svg = el && el.querySelector("svg");
        return svg ? svg.getAttribute("data-colour") : null;
      },
      holder: function (id) {
        var p = byId[id];
        return p && p.cur >= 0 ? holderOf(ivs[p.cur]) || ivs[p.cur].a : null;
      },
      status: function (id) {
        var p = byId[id];
        return p && p.cur >= 0 ? ivs[p.cur].s : null;
      },
      territoryColour: function (id) {
        for (var n = 0; n < pieces.length; n++) {
          var pc = pieces[n];
          if (pc.place.id === id && pc.group && map.hasLayer(pc.layer)) {
            return pc.layer.options.fillColor;
          }
        }
        return null;
      },
      openPopup: function (id) {
        var p = byId[id];
        if (p && map.hasLayer(p.marker)) p.marker.openPopup();
        return !!(p && p.marker.isPopupOpen());
      }
    };
    window.geoMap = api;
    return api;
  };
})(window, document);
