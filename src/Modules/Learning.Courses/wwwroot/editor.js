// Markdown editor with a toolbar and live side-by-side preview (EasyMDE from npm, served locally).
// Without JavaScript the plain textarea still works: this is an enhancement only.
// The preview is rendered by the server, by the same safe renderer as the published lesson: what an author previews is
// exactly what learners see, and nothing in a lesson body can run script in an author's session.
(function () {
  if (typeof EasyMDE === "undefined") return;
  var form = document.querySelector("form[data-preview-url]");
  var token = form && form.querySelector('input[name="__RequestVerificationToken"]');
  document.querySelectorAll("textarea.markdown-editor").forEach(function (area) {
    var t = area.dataset;
    var timer = null, last = null, rendered = "";
    var previewRender = function (plainText, preview) {
      if (plainText === last) return rendered;
      last = plainText;
      clearTimeout(timer);
      timer = setTimeout(function () {
        var body = new URLSearchParams();
        body.append("markdown", plainText);
        fetch(form.dataset.previewUrl, { method: "POST", credentials: "same-origin", body: body,
          headers: { RequestVerificationToken: token ? token.value : "" } })
          .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
          .then(function (html) { if (plainText === last) { rendered = html; preview.innerHTML = html; } })
          .catch(function () { preview.textContent = t.previewFailed || "Preview unavailable"; });
      }, 250);
      return rendered || "<p class=\"muted\">" + (t.previewLoading || "…") + "</p>";
    };
    new EasyMDE({
      element: area,
      spellChecker: false,
      autoDownloadFontAwesome: false,
      status: ["lines", "words"],
      minHeight: "320px",
      sideBySideFullscreen: false, // the preview sits beside the text inside the page; the save button stays reachable
      toolbar: [
        { name: "bold", action: EasyMDE.toggleBold, text: "B", title: t.titleBold || "Bold" },
        { name: "italic", action: EasyMDE.toggleItalic, text: "I", title: t.titleItalic || "Italic" },
        { name: "heading", action: EasyMDE.toggleHeadingSmaller, text: "H", title: t.titleHeading || "Heading" },
        "|",
        { name: "unordered-list", action: EasyMDE.toggleUnorderedList, text: "•", title: t.titleList || "List" },
        { name: "ordered-list", action: EasyMDE.toggleOrderedList, text: "1.", title: t.titleNumbered || "Numbered list" },
        { name: "quote", action: EasyMDE.toggleBlockquote, text: "❝", title: t.titleQuote || "Quote" },
        { name: "link", action: EasyMDE.drawLink, text: "🔗", title: t.titleLink || "Link" },
        { name: "table", action: EasyMDE.drawTable, text: "▦", title: t.titleTable || "Table" },
        "|",
        { name: "side-by-side", action: EasyMDE.toggleSideBySide, text: t.previewLabel || "Preview", title: t.previewLabel || "Preview", noDisable: true }
      ],
      previewRender: form ? previewRender : function () { return ""; }
    });
  });
})();
