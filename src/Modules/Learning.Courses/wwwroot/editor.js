// Markdown editor with a toolbar and live side-by-side preview (EasyMDE from npm, served locally).
// Without JavaScript the plain textarea still works: this is an enhancement only.
(function () {
  if (typeof EasyMDE === "undefined") return;
  document.querySelectorAll("textarea.markdown-editor").forEach(function (area) {
    new EasyMDE({
      element: area,
      spellChecker: false,
      autoDownloadFontAwesome: false,
      status: ["lines", "words"],
      minHeight: "320px",
      toolbar: [
        { name: "bold", action: EasyMDE.toggleBold, text: "B", title: "Bold" },
        { name: "italic", action: EasyMDE.toggleItalic, text: "I", title: "Italic" },
        { name: "heading", action: EasyMDE.toggleHeadingSmaller, text: "H", title: "Heading" },
        "|",
        { name: "unordered-list", action: EasyMDE.toggleUnorderedList, text: "•", title: "List" },
        { name: "ordered-list", action: EasyMDE.toggleOrderedList, text: "1.", title: "Numbered list" },
        { name: "quote", action: EasyMDE.toggleBlockquote, text: "❝", title: "Quote" },
        { name: "link", action: EasyMDE.drawLink, text: "🔗", title: "Link" },
        { name: "table", action: EasyMDE.drawTable, text: "▦", title: "Table" },
        "|",
        { name: "side-by-side", action: EasyMDE.toggleSideBySide, text: area.dataset.previewLabel || "Preview", title: "Preview", noDisable: true }
      ],
      renderingConfig: { sanitizerFunction: function (html) { return html.replace(/<(script|iframe|object|embed)[\s\S]*?<\/\1>/gi, ""); } }
    });
  });
})();
