using System.Globalization;
using System.Text;

namespace BreachNotify.Application.Exports;

/// <summary>RFC 4180 CSV (CRLF, quoted when needed), with cells that a spreadsheet would run as a formula neutralised.</summary>
internal static class Csv
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var b = new StringBuilder();
        Line(b, header);
        foreach (var row in rows)
        {
            Line(b, row);
        }

        return b.ToString();
    }

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";

    private static void Line(StringBuilder b, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                b.Append(',');
            }

            b.Append(Cell(cells[i]));
        }

        b.Append("\r\n");
    }

    /// <summary>One cell: cleaned (<see cref="ReadableText"/>, line breaks kept), neutralised, quoted when needed.</summary>
    public static string Cell(string? value)
    {
        var v = ReadableText.Clean(value, keepLines: true);
        if (v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n')
        {
            v = "'" + v;
        }

        return v.IndexOfAny([',', '"', '\r', '\n']) >= 0 || v != v.Trim() ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }
}
