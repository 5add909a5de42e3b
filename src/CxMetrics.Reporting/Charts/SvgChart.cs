using System.Net;
using System.Text;
using CxMetrics.Reporting.Internal;

namespace CxMetrics.Reporting;

/// <summary>
/// Renders charts to plain, self-contained SVG (no script, no external font or stylesheet), usable inline in HTML or
/// saved as <c>.svg</c>. Every drawn data mark (point, band, bar, error bar) has the class <c>cx-mark</c>, and each mark
/// has a <c>title</c> tooltip with its exact figures.
/// </summary>
public static class SvgChart
{
    private const double Width = 640, Height = 320, Left = 60, Right = 16, Top = 40, Bottom = 64;
    private static readonly string[] Palette = ["#2563eb", "#f59e0b", "#10b981", "#ef4444"];

    /// <summary>A line over categories (typically periods) with its interval drawn as a shaded band.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="yLabel">Y axis label.</param>
    /// <param name="points">One point per period, in order; null values leave gaps.</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string Line(string title, string yLabel, IReadOnlyList<ChartPoint> points)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(yLabel);
        ArgumentNullException.ThrowIfNull(points);
        var (min, max) = Range(points, includeZero: false);
        var sb = Begin(title, "line");
        var scale = Axes(sb, yLabel, min, max, points);
        var bw = (Width - Left - Right) / Math.Max(1, points.Count);

        // Band: one polygon per run of consecutive points with both interval ends; a lone point gets an error bar.
        var run = new List<int>();
        for (var i = 0; i <= points.Count; i++)
        {
            if (i < points.Count && points[i] is { Lower: not null, Upper: not null })
            {
                run.Add(i);
                continue;
            }

            if (run.Count == 1)
            {
                var p = points[run[0]];
                ErrorBar(sb, X(run[0], bw), scale(p.Lower!.Value), scale(p.Upper!.Value), Palette[0], Tip(p));
            }
            else if (run.Count > 1)
            {
                sb.Append("<polygon class=\"cx-mark cx-band\" fill=\"").Append(Palette[0]).Append("\" fill-opacity=\"0.18\" stroke=\"none\" points=\"");
                foreach (var j in run)
                {
                    sb.Append(Num.Px(X(j, bw))).Append(',').Append(Num.Px(scale(points[j].Upper!.Value))).Append(' ');
                }

                for (var k = run.Count - 1; k >= 0; k--)
                {
                    sb.Append(Num.Px(X(run[k], bw))).Append(',').Append(Num.Px(scale(points[run[k]].Lower!.Value))).Append(' ');
                }

                sb.Length--;
                sb.Append("\"><title>95% interval</title></polygon>\n");
            }

            run.Clear();
        }

        // Line: one polyline per run of present values.
        for (var i = 0; i <= points.Count; i++)
        {
            if (i < points.Count && points[i].Value is not null)
            {
                run.Add(i);
                continue;
            }

            if (run.Count > 1)
            {
                sb.Append("<polyline fill=\"none\" stroke=\"").Append(Palette[0]).Append("\" stroke-width=\"2\" points=\"");
                foreach (var j in run)
                {
                    sb.Append(Num.Px(X(j, bw))).Append(',').Append(Num.Px(scale(points[j].Value!.Value))).Append(' ');
                }

                sb.Length--;
                sb.Append("\"/>\n");
            }

            run.Clear();
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is { } v)
            {
                sb.Append("<circle class=\"cx-mark\" cx=\"").Append(Num.Px(X(i, bw))).Append("\" cy=\"").Append(Num.Px(scale(v)))
                  .Append("\" r=\"3.5\" fill=\"").Append(Palette[0]).Append("\"><title>").Append(Escape(Tip(points[i]))).Append("</title></circle>\n");
            }
        }

        return End(sb, points.Count == 0 || !HasValue(points));
    }

    /// <summary>Grouped vertical bars, one bar per series in each category, with error bars where points carry intervals.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="yLabel">Y axis label.</param>
    /// <param name="series">The series (one to four); each lists the same categories.</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No series, more than four, or series with different category counts.</exception>
    public static string Bars(string title, string yLabel, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(yLabel);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count is 0 or > 4)
        {
            throw new ArgumentException($"A bar chart takes 1 to 4 series, not {series.Count}.", nameof(series));
        }

        var categories = series[0].Points;
        var all = new List<ChartPoint>();
        var any = false;
        foreach (var s in series)
        {
            if (s.Points.Count != categories.Count)
            {
                throw new ArgumentException($"Series '{s.Name}' has {s.Points.Count} points; the first series has {categories.Count}.", nameof(series));
            }

            all.AddRange(s.Points);
            any |= HasValue(s.Points);
        }

        var (min, max) = Range(all, includeZero: true);
        var sb = Begin(title, "bars");
        var scale = Axes(sb, yLabel, min, max, categories);
        var bw = (Width - Left - Right) / Math.Max(1, categories.Count);
        var barWidth = bw * 0.7 / series.Count;
        for (var c = 0; c < categories.Count; c++)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var p = series[s].Points[c];
                var x = Left + (c * bw) + (bw * 0.15) + (s * barWidth);
                if (p.Value is { } v)
                {
                    var y0 = scale(0);
                    var y1 = scale(v);
                    sb.Append("<rect class=\"cx-mark\" x=\"").Append(Num.Px(x)).Append("\" y=\"").Append(Num.Px(Math.Min(y0, y1)))
                      .Append("\" width=\"").Append(Num.Px(barWidth * 0.92)).Append("\" height=\"").Append(Num.Px(Math.Max(Math.Abs(y0 - y1), 0.5)))
                      .Append("\" fill=\"").Append(Palette[s]).Append("\"><title>").Append(Escape(series[s].Name + " · " + Tip(p))).Append("</title></rect>\n");
                }

                if (p is { Lower: { } lo, Upper: { } hi })
                {
                    ErrorBar(sb, x + (barWidth * 0.46), scale(lo), scale(hi), "#111827", Tip(p));
                }
            }
        }

        if (series.Count > 1)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var lx = Width - Right - ((series.Count - s) * 90);
                sb.Append("<rect x=\"").Append(Num.Px(lx)).Append("\" y=\"9\" width=\"10\" height=\"10\" fill=\"").Append(Palette[s]).Append("\"/>")
                  .Append("<text x=\"").Append(Num.Px(lx + 14)).Append("\" y=\"18\" font-size=\"11\">").Append(Escape(series[s].Name)).Append("</text>\n");
            }
        }

        return End(sb, categories.Count == 0 || !any);
    }

    private static double X(int index, double bandWidth) => Left + ((index + 0.5) * bandWidth);

    private static bool HasValue(IReadOnlyList<ChartPoint> points)
    {
        foreach (var p in points)
        {
            if (p.Value is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static string Tip(ChartPoint p)
    {
        var t = p.Label + ": " + Num.Show(p.Value);
        return p is { Lower: { } lo, Upper: { } hi } ? t + " (95% " + Num.Show(lo) + " to " + Num.Show(hi) + ")" : t;
    }

    private static (double Min, double Max) Range(IReadOnlyList<ChartPoint> points, bool includeZero)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var p in points)
        {
            foreach (var v in (ReadOnlySpan<double?>)[p.Value, p.Lower, p.Upper])
            {
                if (v is { } x && double.IsFinite(x))
                {
                    min = Math.Min(min, x);
                    max = Math.Max(max, x);
                }
            }
        }

        if (double.IsInfinity(min))
        {
            (min, max) = (0, 1);
        }

        if (includeZero)
        {
            min = Math.Min(min, 0);
            max = Math.Max(max, 0);
        }

        if (max - min < 1e-9)
        {
            (min, max) = (min - 1, max + 1);
        }

        return (min, max);
    }

    private static StringBuilder Begin(string title, string kind)
    {
        var sb = new StringBuilder();
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cx-chart\" data-kind=\"").Append(kind)
          .Append("\" viewBox=\"0 0 640 320\" width=\"640\" height=\"320\" role=\"img\" aria-label=\"").Append(Escape(title))
          .Append("\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" fill=\"#111827\">\n")
          .Append("<rect width=\"640\" height=\"320\" fill=\"#ffffff\"/>\n")
          .Append("<text x=\"").Append(Num.Px(Left)).Append("\" y=\"18\" font-size=\"14\" font-weight=\"600\">").Append(Escape(title)).Append("</text>\n");
        return sb;
    }

    private static string End(StringBuilder sb, bool empty)
    {
        if (empty)
        {
            sb.Append("<text x=\"320\" y=\"170\" text-anchor=\"middle\" font-size=\"13\" fill=\"#6b7280\">no data</text>\n");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    private static Func<double, double> Axes(StringBuilder sb, string yLabel, double min, double max, IReadOnlyList<ChartPoint> categories)
    {
        var step = NiceStep((max - min) / 5);
        var lo = Math.Floor(min / step) * step;
        var hi = Math.Ceiling(max / step) * step;
        var plotH = Height - Top - Bottom;
        double Scale(double v) => Top + plotH - ((v - lo) / (hi - lo) * plotH);

        for (var t = lo; t <= hi + (step / 2); t += step)
        {
            var y = Scale(t);
            sb.Append("<line x1=\"").Append(Num.Px(Left)).Append("\" x2=\"").Append(Num.Px(Width - Right)).Append("\" y1=\"").Append(Num.Px(y)).Append("\" y2=\"").Append(Num.Px(y))
              .Append("\" stroke=\"").Append(Math.Abs(t) < step / 2 ? "#9ca3af" : "#e5e7eb").Append("\" stroke-width=\"1\"/>")
              .Append("<text x=\"").Append(Num.Px(Left - 6)).Append("\" y=\"").Append(Num.Px(y + 4)).Append("\" font-size=\"11\" text-anchor=\"end\" fill=\"#4b5563\">")
              .Append(Num.Show(Math.Round(t, 10))).Append("</text>\n");
        }

        sb.Append("<text transform=\"translate(14,").Append(Num.Px(Top + (plotH / 2))).Append(") rotate(-90)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#4b5563\">")
          .Append(Escape(yLabel)).Append("</text>\n");

        var n = categories.Count;
        var bw = (Width - Left - Right) / Math.Max(1, n);
        var every = Math.Max(1, (int)Math.Ceiling(n / 16.0));
        var rotate = n > 8;
        for (var i = 0; i < n; i += every)
        {
            var x = X(i, bw);
            var y = Height - Bottom + 14;
            sb.Append("<text font-size=\"11\" fill=\"#374151\" ");
            if (rotate)
            {
                sb.Append("text-anchor=\"end\" transform=\"translate(").Append(Num.Px(x)).Append(',').Append(Num.Px(y)).Append(") rotate(-40)\"");
            }
            else
            {
                sb.Append("text-anchor=\"middle\" x=\"").Append(Num.Px(x)).Append("\" y=\"").Append(Num.Px(y)).Append('"');
            }

            sb.Append('>').Append(Escape(categories[i].Label)).Append("</text>\n");
        }

        return Scale;
    }

    private static double NiceStep(double raw)
    {
        var exp = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var f = raw / exp;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * exp;
    }

    private static void ErrorBar(StringBuilder sb, double x, double yLo, double yHi, string color, string tip) =>
        sb.Append("<path class=\"cx-mark cx-error\" fill=\"none\" stroke=\"").Append(color).Append("\" stroke-width=\"1.5\" d=\"M")
          .Append(Num.Px(x - 4)).Append(',').Append(Num.Px(yHi)).Append('H').Append(Num.Px(x + 4))
          .Append('M').Append(Num.Px(x)).Append(',').Append(Num.Px(yHi)).Append('V').Append(Num.Px(yLo))
          .Append('M').Append(Num.Px(x - 4)).Append(',').Append(Num.Px(yLo)).Append('H').Append(Num.Px(x + 4))
          .Append("\"><title>").Append(Escape(tip)).Append("</title></path>\n");

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
