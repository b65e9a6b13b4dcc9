// The web page's only script: served from /static, no inline code (the CSP forbids it), no framework.
// It polls JSON endpoints; every text it shows goes in with textContent, never as HTML.
(function () {
  "use strict";

  function $(selector, root) { return (root || document).querySelector(selector); }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!response.ok && response.status !== 503) { throw new Error("HTTP " + response.status); }
    return response.json();
  }

  // Catalog: a changed filter searches at once; typing searches after a pause.
  const filters = $("form[data-autosubmit]");
  if (filters) {
    let timer = null;
    filters.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () { filters.requestSubmit(); });
    });
    // The title search and the interest code; the cursor goes back to the first that holds text.
    let focused = false;
    filters.querySelectorAll("input[type=search]").forEach(function (search) {
      search.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { filters.requestSubmit(); }, 450);
      });
      if (search.value && !focused) {
        focused = true;
        search.focus();
        search.setSelectionRange(search.value.length, search.value.length);
      }
    });
  }

  // Job page: progress until the file is ready or the build failed.
  const job = $("[data-job]");
  if (job && job.dataset.state !== "done" && job.dataset.state !== "failed") {
    const bar = $("progress", job), state = $("[data-job-state]", job);
    const link = $("[data-job-download]", job), error = $("[data-job-error]", job);
    const tick = async function () {
      let status;
      try { status = await getJSON(job.dataset.statusUrl); } catch (e) { setTimeout(tick, 2000); return; }
      bar.value = status.progress;
      job.dataset.state = status.state;
      if (status.state === "done") {
        bar.hidden = true; link.hidden = false;
        state.textContent = status.cached ? "Ready, from the cache." : "Ready.";
        return;
      }
      if (status.state === "failed") {
        bar.hidden = true; error.hidden = false; error.textContent = status.error || "The build failed.";
        state.textContent = "The build failed.";
        return;
      }
      let text = status.state === "running" ? "Building… " + Math.round(status.progress * 100) + " %" : "Waiting for a worker…";
      if (status.total > 1) { text += " (" + status.done + " of " + status.total + " done)"; }
      if (status.seconds_left !== null && status.state === "running") { text += ", about " + status.seconds_left + " s left"; }
      state.textContent = text;
      setTimeout(tick, 600);
    };
    tick();
  }

  // Career page: the preview follows the profile (with --watch) and shows its mistakes without losing the last good pages.
  const preview = $("[data-preview]");
  if (preview) {
    const watching = document.body.dataset.watch === "1";
    const thumbs = $("#thumbs"), status = $("#preview-status"), errors = $("#preview-errors");
    const errorLines = $("#preview-error-lines"), findings = $("#finding-lines");
    let key = preview.dataset.key || "";

    const showPages = function (newKey, pages) {
      const fragment = document.createDocumentFragment();
      for (let page = 1; page <= pages; page++) {
        const link = document.createElement("a");
        link.className = "thumb";
        link.href = "/careers/" + preview.dataset.slug + "/pdf#page=" + page;
        const image = document.createElement("img");
        image.src = "/thumbs/" + newKey + "/" + page + ".png";
        image.alt = "Page " + page;
        image.width = 160; image.height = 226;
        const label = document.createElement("span");
        label.textContent = String(page);
        link.append(image, label);
        fragment.append(link);
      }
      thumbs.replaceChildren(fragment);
    };

    const showFindings = function (lines) {
      if (!findings) { return; }
      findings.textContent = lines.length ? lines.join("\n") : "No findings: booklet check has nothing to say about this profile.";
      findings.className = lines.length ? "lines" : "ok";
    };

    const tick = async function () {
      let state;
      try { state = await getJSON(preview.dataset.stateUrl); } catch (e) { setTimeout(tick, 2000); return; }
      preview.dataset.preview = state.preview;
      showFindings(state.findings || []);
      if (state.preview === "errors" || state.preview === "failed") {
        errors.hidden = false;
        errorLines.textContent = state.preview === "errors"
          ? (state.errors || []).join("\n")
          : (state.error || "");
        $(".errors-title", errors).textContent = state.preview === "errors" ? "The profile has mistakes" : "The build failed";
        thumbs.classList.add("stale");
        status.textContent = key ? "The profile has errors; showing the last good preview." : "The profile has errors; no preview yet.";
      } else {
        errors.hidden = true;
        if (state.preview === "ready") {
          if (state.key !== key) { key = state.key; showPages(key, state.pages); }
          const heading = $("#career-title");
          if (heading && state.title) { heading.textContent = state.title; }
          thumbs.classList.remove("stale");
          status.textContent = state.pages + " pages, A4";
          preview.dataset.key = key;
        } else if (state.preview === "building") {
          status.textContent = key ? "Updating the preview…" : "Rendering the preview…";
        } else if (state.preview === "busy") {
          status.textContent = "The build queue is full; trying again shortly…";
        }
      }
      const again = watching || state.preview === "building" || state.preview === "busy";
      if (again) { setTimeout(tick, state.preview === "building" ? 700 : 1000); }
    };
    if (watching || preview.dataset.preview === "building" || preview.dataset.preview === "busy") { setTimeout(tick, 400); }
  }

  // Collections and comparisons: filter the list of careers, count the chosen ones; a comparison takes at
  // most data-pick-max (the server checks the count again and says what is wrong).
  const picker = $("form[data-collection]");
  if (picker) {
    const filter = $("[data-pick-filter]", picker), count = $("[data-picked-count]", picker);
    const items = Array.from(picker.querySelectorAll(".pick-item"));
    const least = picker.dataset.pickMin, most = picker.dataset.pickMax ? Number(picker.dataset.pickMax) : 0;
    const recount = function () {
      const chosen = picker.querySelectorAll("input[name=careers]:checked").length;
      count.textContent = most ? chosen + " of " + least + "–" + most + " chosen" : chosen + " chosen";
      if (most) {
        picker.querySelectorAll("input[name=careers]").forEach(function (box) {
          box.disabled = !box.checked && chosen >= most;
        });
      }
    };
    filter.addEventListener("input", function () {
      const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      items.forEach(function (item) {
        const text = item.textContent.toLowerCase();
        item.hidden = !words.every(function (word) { return text.indexOf(word) >= 0; });
      });
    });
    picker.addEventListener("change", recount);
    recount();
  }
})();
