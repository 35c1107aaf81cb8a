using System.Globalization;
using System.Xml.Linq;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>
/// A matter's notices over time as a server-rendered SVG: how many were sent, delivered and acknowledged (a step line
/// each, told apart by dash as well as colour), the recipients' due times as vertical markers, labelled axes, and a
/// title and description for screen readers. No script; presentation attributes only, so the console's CSP holds.
/// Time runs from <c>start</c> (the awareness or announcement) to the latest due time or event.
/// </summary>
public static class NoticeProgressChart
{
    public const double Width = 640;
    public const double Height = 264;
    public const double Left = 48;
    public const double Right = 16;
    public const double Top = 40;
    public const double Bottom = 40;
    private const int MaxDueMarkers = 5;

    private static readonly (string Name, string Label, string Colour, string? Dash, Func<NoticeTimes, DateTimeOffset?> At)[] Series =
    [
        ("sent", "Sent", "#1f4e99", null, n => n.SentAt),
        ("delivered", "Delivered", "#8a4b00", "6 3", n => n.DeliveredAt),
        ("acknowledged", "Acknowledged", "#1a7f37", "2 3", n => n.AcknowledgedAt),
    ];

    // The legend runs along the top (y 14), the due labels just above the plot, the time labels below it.

    /// <summary>The chart's SVG element, or an empty string when there are no notices to plot.</summary>
    public static string Svg(string id, DateTimeOffset start, IReadOnlyList<NoticeTimes> notices, TimeZoneInfo zone)
    {
        if (notices.Count == 0)
        {
            return "";
        }

        var moments = notices.SelectMany(n => new[] { n.SentAt, n.DeliveredAt, n.AcknowledgedAt, n.DueAt }).OfType<DateTimeOffset>().ToList();
        var end = moments.Append(start).Max();
        if (end <= start)
        {
            end = start.AddHours(1);
        }

        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(DateTimeOffset t) => Left + ((t - start).TotalSeconds / (end - start).TotalSeconds * plotWidth);
        double Y(int count) => Top + plotHeight - (count / (double)notices.Count * plotHeight);

        var svg = new XElement("svg",
            new XAttribute("id", id), new XAttribute("class", "chart"), new XAttribute("role", "img"),
            new XAttribute("viewBox", $"0 0 {N(Width)} {N(Height)}"), new XAttribute("aria-labelledby", $"{id}-title {id}-desc"),
            new XElement("title", new XAttribute("id", $"{id}-title"), "Notices sent, delivered and acknowledged over time"),
            new XElement("desc", new XAttribute("id", $"{id}-desc"), Description(start, end, notices, zone)));

        // Axes: time along the bottom, notices up the left.
        svg.Add(
            Line("axis", Left, Top + plotHeight, Left + plotWidth, Top + plotHeight, "#555"),
            Line("axis", Left, Top, Left, Top + plotHeight, "#555"),
            Text(Left, Height - 22, "start", Label(start, zone)),
            Text(Left + plotWidth, Height - 22, "end", Label(end, zone)),
            Text(Left + (plotWidth / 2), Height - 6, "middle", $"time ({ZoneName(zone)})"),
            Text(Left - 6, Y(0) + 4, "end", "0"),
            Text(Left - 6, Y(notices.Count) + 4, "end", notices.Count.ToString(CultureInfo.InvariantCulture)),
            new XElement("text", new XAttribute("x", "12"), new XAttribute("y", N(Top + (plotHeight / 2))), new XAttribute("text-anchor", "middle"),
                new XAttribute("transform", $"rotate(-90 12 {N(Top + (plotHeight / 2))})"), new XAttribute("font-size", "12"), "notices"));

        foreach (var due in notices.Select(n => n.DueAt).Distinct().Order().Take(MaxDueMarkers))
        {
            svg.Add(new XElement("g", new XAttribute("class", "due"), new XAttribute("data-due", due.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
                Line("due-line", X(due), Top, X(due), Top + plotHeight, "#b3261e", "4 4"),
                Text(X(due), Top - 6, "end", "due " + Label(due, zone))));
        }

        var legendX = Left + 8;
        foreach (var (name, label, colour, dash, at) in Series)
        {
            var times = notices.Select(at).OfType<DateTimeOffset>().Order().ToList();
            svg.Add(new XElement("polyline",
                new XAttribute("class", $"series series-{name}"), new XAttribute("data-series", name),
                new XAttribute("points", string.Join(" ", Steps(times, start, end).Select(p => $"{N(X(p.At))},{N(Y(p.Count))}"))),
                new XAttribute("fill", "none"), new XAttribute("stroke", colour), new XAttribute("stroke-width", "2"),
                dash is null ? null : new XAttribute("stroke-dasharray", dash)));
            svg.Add(
                Line("legend", legendX, 14, legendX + 18, 14, colour, dash),
                Text(legendX + 22, 18, "start", $"{label} {times.Count}"));
            legendX += 120;
        }

        return svg.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The step line of a cumulative count: flat until each moment, then up by the notices of that moment; on to the end.</summary>
    internal static IEnumerable<(DateTimeOffset At, int Count)> Steps(IReadOnlyList<DateTimeOffset> times, DateTimeOffset start, DateTimeOffset end)
    {
        var count = 0;
        yield return (start, 0);
        foreach (var group in times.GroupBy(t => t).OrderBy(g => g.Key))
        {
            yield return (group.Key, count);
            count += group.Count();
            yield return (group.Key, count);
        }

        yield return (end, count);
    }

    private static string Description(DateTimeOffset start, DateTimeOffset end, IReadOnlyList<NoticeTimes> notices, TimeZoneInfo zone)
    {
        var dues = notices.Select(n => n.DueAt).Distinct().Order().ToList();
        return $"From {Label(start, zone)} to {Label(end, zone)} ({ZoneName(zone)}): {notices.Count} notices, " +
               $"{notices.Count(n => n.SentAt is not null)} sent, {notices.Count(n => n.DeliveredAt is not null)} delivered, " +
               $"{notices.Count(n => n.AcknowledgedAt is not null)} acknowledged; due {string.Join(", ", dues.Select(d => Label(d, zone)))}.";
    }

    private static XElement Line(string cssClass, double x1, double y1, double x2, double y2, string colour, string? dash = null) => new("line",
        new XAttribute("class", cssClass), new XAttribute("x1", N(x1)), new XAttribute("y1", N(y1)), new XAttribute("x2", N(x2)), new XAttribute("y2", N(y2)),
        new XAttribute("stroke", colour), new XAttribute("stroke-width", cssClass == "axis" ? "1" : "2"), dash is null ? null : new XAttribute("stroke-dasharray", dash));

    private static XElement Text(double x, double y, string anchor, string text) =>
        new("text", new XAttribute("x", N(x)), new XAttribute("y", N(y)), new XAttribute("text-anchor", anchor), new XAttribute("font-size", "12"), text);

    private static string Label(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("d MMM HH:mm", CultureInfo.InvariantCulture);

    private static string ZoneName(TimeZoneInfo zone) => zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime ? "UTC" : zone.Id;

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
