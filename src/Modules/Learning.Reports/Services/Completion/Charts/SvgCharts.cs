using System.Globalization;
using System.Net;
using System.Text;

namespace Learning.Reports.Services.Completion.Charts;

/// <summary>
/// Small hand-written server-side SVG charts: no script, a few hundred bytes per chart, scaled by the viewBox to the width of the
/// screen (readable at 360 px). Each is an image with a title; the page shows the same numbers as a table beside it.
/// </summary>
public static class SvgCharts
{
    private const double Width = 320;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Horizontal bars, each label on its own line above its bar (long Vietnamese commune names fit a phone).</summary>
    public static string Bar(BarChartData data, string id)
    {
        const double row = 38, top = 4;
        var height = top + Math.Max(1, data.Bars.Count) * row;
        var max = data.Percent ? 1 : Math.Max(1, data.Bars.Count == 0 ? 1 : data.Bars.Max(b => b.Value));
        var svg = Open(id, data.Title, height);
        for (var i = 0; i < data.Bars.Count; i++)
        {
            var (label, value) = data.Bars[i];
            var y = top + i * row;
            var text = data.Percent ? Percent(value) : Number(value);
            var w = Math.Max(value > 0 ? 1 : 0, (Width - 48) * Math.Clamp(value / max, 0, 1));
            svg.Append(Invariant, $"<text x=\"0\" y=\"{F(y + 12)}\" font-size=\"13\" fill=\"#1f2933\">{E(label)}</text>");
            svg.Append(Invariant, $"<rect x=\"0\" y=\"{F(y + 17)}\" width=\"{F(Width - 48)}\" height=\"14\" fill=\"#eef1f5\" rx=\"2\"/>");
            svg.Append(Invariant, $"<rect class=\"bar\" x=\"0\" y=\"{F(y + 17)}\" width=\"{F(w)}\" height=\"14\" fill=\"#0b5cad\" rx=\"2\"><title>{E(label)}: {E(text)}</title></rect>");
            svg.Append(Invariant, $"<text x=\"{F(Width)}\" y=\"{F(y + 28)}\" font-size=\"13\" text-anchor=\"end\" fill=\"#1f2933\">{E(text)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A line with dots, a zero baseline, the maximum on the left and the first and last labels under it.</summary>
    public static string Line(LineChartData data, string id)
    {
        const double height = 150, left = 28, right = 8, top = 10, bottom = 28;
        var svg = Open(id, data.Title, height);
        var max = data.Points.Count == 0 ? 1 : Math.Max(1, data.Points.Max(p => p.Value));
        var plotW = Width - left - right;
        var plotH = height - top - bottom;
        svg.Append(Invariant, $"<line x1=\"{F(left)}\" y1=\"{F(top + plotH)}\" x2=\"{F(Width - right)}\" y2=\"{F(top + plotH)}\" stroke=\"#9aa5b1\"/>");
        svg.Append(Invariant, $"<text x=\"{F(left - 4)}\" y=\"{F(top + 4)}\" font-size=\"12\" text-anchor=\"end\" fill=\"#52606d\">{Number(max)}</text>");
        svg.Append(Invariant, $"<text x=\"{F(left - 4)}\" y=\"{F(top + plotH)}\" font-size=\"12\" text-anchor=\"end\" fill=\"#52606d\">0</text>");
        if (data.Points.Count > 0)
        {
            var step = data.Points.Count == 1 ? 0 : plotW / (data.Points.Count - 1);
            var points = data.Points.Select((p, i) => (X: left + (data.Points.Count == 1 ? plotW / 2 : i * step), Y: top + plotH - (plotH * p.Value / max), p.Label, p.Value)).ToList();
            svg.Append("<polyline fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"2\" points=\"")
                .AppendJoin(' ', points.Select(p => F(p.X) + "," + F(p.Y))).Append("\"/>");
            foreach (var p in points)
            {
                svg.Append(Invariant, $"<circle class=\"point\" cx=\"{F(p.X)}\" cy=\"{F(p.Y)}\" r=\"3\" fill=\"#0b5cad\"><title>{E(p.Label)}: {Number(p.Value)}</title></circle>");
            }

            svg.Append(Invariant, $"<text x=\"{F(left)}\" y=\"{F(height - 8)}\" font-size=\"12\" fill=\"#52606d\">{E(points[0].Label)}</text>");
            if (points.Count > 1)
            {
                svg.Append(Invariant, $"<text x=\"{F(Width - right)}\" y=\"{F(height - 8)}\" font-size=\"12\" text-anchor=\"end\" fill=\"#52606d\">{E(points[^1].Label)}</text>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Centred bars narrowing stage by stage, each with its label and count.</summary>
    public static string Funnel(FunnelChartData data, string id)
    {
        const double row = 36;
        var height = Math.Max(1, data.Stages.Count) * row;
        var max = data.Stages.Count == 0 ? 1 : Math.Max(1, data.Stages.Max(s => s.Value));
        var svg = Open(id, data.Title, height);
        for (var i = 0; i < data.Stages.Count; i++)
        {
            var (label, value) = data.Stages[i];
            var w = Math.Max(value > 0 ? 2 : 0, Width * value / max);
            var y = i * row;
            svg.Append(Invariant, $"<text x=\"{F(Width / 2)}\" y=\"{F(y + 11)}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#1f2933\">{E(label)}: {Number(value)}</text>");
            svg.Append(Invariant, $"<rect class=\"stage\" x=\"{F((Width - w) / 2)}\" y=\"{F(y + 15)}\" width=\"{F(w)}\" height=\"16\" fill=\"#1f8a4c\" rx=\"2\"/>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string id, string title, double height) =>
        new StringBuilder().Append(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{E(id)}\" class=\"chart\" viewBox=\"0 0 {F(Width)} {F(height)}\" width=\"100%\" role=\"img\" aria-labelledby=\"{E(id)}-title\" font-family=\"system-ui, sans-serif\"><title id=\"{E(id)}-title\">{E(title)}</title>");

    private static string F(double value) => Math.Round(value, 1).ToString(Invariant);

    private static string Percent(double rate) => Math.Round(rate * 100).ToString(Invariant) + "%";

    private static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.CurrentCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
