using System.Globalization;
using System.Text;

namespace CxMetrics.Benchmarks.Tools;

/// <summary>
/// A log-log SVG chart of ns/row by row count for each contestant of the six headline metrics (HeadlineBenchmarks
/// plus the 10,000,000-row cases of LargeBenchmarks), with the memory-read limit drawn as a dashed line.
/// </summary>
internal static class SvgChart
{
    private static readonly (string Series, string Color)[] Series =
    [
        ("Linq", "#d62728"), ("DataFrame", "#9467bd"), ("DuckDB", "#8c564b"), ("ScalarReference", "#ff7f0e"),
        ("CxMetrics", "#1f77b4"), ("ReadLimit", "#2ca02c"),
    ];

    public static string Render(IReadOnlyList<BenchmarkResult> results)
    {
        var points = new Dictionary<string, SortedDictionary<int, double>>();
        foreach (var r in results)
        {
            var series = (r.Type, r.Method) switch
            {
                ("HeadlineBenchmarks", var m) => m,
                ("LargeBenchmarks", "HeadlineCxMetrics") => "CxMetrics",
                ("LargeBenchmarks", "HeadlineScalarReference") => "ScalarReference",
                ("LargeBenchmarks", "HeadlineReadLimit") => "ReadLimit",
                _ => null,
            };
            if (series is null || r.Rows is not > 0)
            {
                continue;
            }

            if (!points.TryGetValue(series, out var line))
            {
                points[series] = line = [];
            }

            line[r.Rows.Value] = r.MeanNs / r.Rows.Value;
        }

        const double W = 760, H = 460, Left = 70, Right = 170, Top = 40, Bottom = 50;
        var all = points.Values.SelectMany(p => p).ToList();
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" font-family=\"sans-serif\" font-size=\"12\">");
        sb.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        sb.AppendLine(c, $"<text x=\"{W / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">Six headline metrics: ns per row by batch size (log-log, lower is better)</text>");
        if (all.Count == 0)
        {
            sb.AppendLine("<text x=\"50%\" y=\"50%\" text-anchor=\"middle\">no results</text></svg>");
            return sb.ToString();
        }

        double minX = Math.Log10(all.Min(p => p.Key)), maxX = Math.Log10(all.Max(p => p.Key));
        double minY = Math.Floor(Math.Log10(all.Min(p => p.Value))), maxY = Math.Ceiling(Math.Log10(all.Max(p => p.Value)));
        if (maxX - minX < 1e-9)
        {
            maxX = minX + 1;
        }

        if (maxY - minY < 1e-9)
        {
            maxY = minY + 1;
        }

        double X(int rows) => Left + ((Math.Log10(rows) - minX) / (maxX - minX) * (W - Left - Right));
        double Y(double nsPerRow) => Top + ((maxY - Math.Log10(nsPerRow)) / (maxY - minY) * (H - Top - Bottom));

        for (var e = (int)minY; e <= (int)maxY; e++)
        {
            var y = Y(Math.Pow(10, e));
            sb.AppendLine(c, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{W - Right}\" y2=\"{y:0.#}\" stroke=\"#ddd\"/>");
            sb.AppendLine(c, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Math.Pow(10, e).ToString("0.###", c)}</text>");
        }

        foreach (var rows in all.Select(p => p.Key).Distinct().Order())
        {
            var x = X(rows);
            sb.AppendLine(c, $"<line x1=\"{x:0.#}\" y1=\"{Top}\" x2=\"{x:0.#}\" y2=\"{H - Bottom}\" stroke=\"#eee\"/>");
            sb.AppendLine(c, $"<text x=\"{x:0.#}\" y=\"{H - Bottom + 16}\" text-anchor=\"middle\">{rows.ToString("N0", c)}</text>");
        }

        sb.AppendLine(c, $"<text x=\"{(Left + W - Right) / 2}\" y=\"{H - 10}\" text-anchor=\"middle\">rows in the batch</text>");
        sb.AppendLine(c, $"<text transform=\"translate(16 {(Top + H - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">ns per row</text>");
        var legendY = Top + 10.0;
        foreach (var (name, color) in Series)
        {
            if (!points.TryGetValue(name, out var line))
            {
                continue;
            }

            var dash = name == "ReadLimit" ? " stroke-dasharray=\"6 4\"" : "";
            var path = string.Join(" ", line.Select(p => string.Create(c, $"{X(p.Key):0.#},{Y(p.Value):0.#}")));
            sb.AppendLine(c, $"<polyline points=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>");
            foreach (var p in line)
            {
                sb.AppendLine(c, $"<circle cx=\"{X(p.Key):0.#}\" cy=\"{Y(p.Value):0.#}\" r=\"3\" fill=\"{color}\"/>");
            }

            var label = name == "ReadLimit" ? "memory-read limit" : name;
            sb.AppendLine(c, $"<line x1=\"{W - Right + 12}\" y1=\"{legendY}\" x2=\"{W - Right + 36}\" y2=\"{legendY}\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>");
            sb.AppendLine(c, $"<text x=\"{W - Right + 42}\" y=\"{legendY + 4}\">{label}</text>");
            legendY += 20;
        }

        sb.AppendLine("</svg>");
        return sb.ToString();
    }
}
