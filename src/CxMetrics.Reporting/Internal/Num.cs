using System.Globalization;

namespace CxMetrics.Reporting.Internal;

/// <summary>Culture-invariant number formatting shared by every writer, so a page and a file show the same digits.</summary>
internal static class Num
{
    /// <summary>Display form: at most two decimals, "-" when missing.</summary>
    public static string Show(double? value) => value is null ? "-" : value.Value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Display form of a count.</summary>
    public static string Show(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Full precision (shortest round-trip), empty when missing.</summary>
    public static string Exact(double? value) => value is null ? string.Empty : value.Value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An interval as "[lo, hi]" with display precision, "-" when missing.</summary>
    public static string Show(ConfidenceInterval? ci) => ci is null ? "-" : "[" + Show(ci.Value.Lower) + ", " + Show(ci.Value.Upper) + "]";

    /// <summary>Invariant form for SVG coordinates (two decimals are below a pixel).</summary>
    public static string Px(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
