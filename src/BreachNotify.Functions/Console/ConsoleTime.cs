using System.Globalization;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>
/// Times as the commander reads them: in the IANA zone of their <c>tz</c> cookie (UTC by default), with the UTC offset
/// in force at that instant (so a time across a DST change says which side it is on), and remaining time as text.
/// </summary>
public static class ConsoleTime
{
    public const string CookieName = "bn-console-tz";

    /// <summary>The zone for an IANA id, or UTC for a missing or unknown one.</summary>
    public static TimeZoneInfo Zone(string? ianaId)
    {
        if (!string.IsNullOrWhiteSpace(ianaId) && ianaId.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone))
        {
            return zone;
        }

        return TimeZoneInfo.Utc;
    }

    public static bool IsKnownZone(string? ianaId) =>
        !string.IsNullOrWhiteSpace(ianaId) && ianaId.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out _);

    /// <summary>"2026-10-25 02:30 UTC+02:00": the local wall time and the offset in force at that instant.</summary>
    public static string Format(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + Offset(local.Offset);
    }

    /// <summary>The zone's name for that instant (its daylight name when DST is in force).</summary>
    public static string ZoneName(DateTimeOffset at, TimeZoneInfo zone) =>
        zone == TimeZoneInfo.Utc ? "UTC" : zone.IsDaylightSavingTime(at) ? zone.DaylightName : zone.StandardName;

    public static string Offset(TimeSpan offset) =>
        offset == TimeSpan.Zero ? "UTC" : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    /// <summary>"in 23 h 12 min", "in 3 d 4 h", "overdue by 2 h", "due now": whole minutes, rounded toward the deadline.</summary>
    public static string Remaining(DateTimeOffset due, DateTimeOffset now)
    {
        var left = due - now;
        var minutes = (long)Math.Floor(Math.Abs(left.TotalMinutes));
        if (minutes == 0)
        {
            return "due now";
        }

        var text = Duration(minutes);
        return left > TimeSpan.Zero ? "in " + text : "overdue by " + text;
    }

    /// <summary>Under two days: hours and minutes; from two days: days and hours. Zero parts are left out.</summary>
    public static string Duration(long minutes)
    {
        var parts = new List<string>();
        if (minutes >= 48 * 60)
        {
            var days = minutes / (24 * 60);
            var hours = minutes % (24 * 60) / 60;
            parts.Add($"{days} d");
            if (hours > 0)
            {
                parts.Add($"{hours} h");
            }
        }
        else
        {
            var hours = minutes / 60;
            var rest = minutes % 60;
            if (hours > 0)
            {
                parts.Add($"{hours} h");
            }

            if (rest > 0)
            {
                parts.Add($"{rest} min");
            }
        }

        return string.Join(' ', parts);
    }

    /// <summary>The instant a local calendar date begins in the zone (the first valid local time when midnight is skipped).</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>Common zones offered in the picker; any IANA id is accepted.</summary>
    public static readonly IReadOnlyList<string> Suggested =
    [
        "UTC", "Europe/London", "Europe/Dublin", "Europe/Berlin", "Europe/Paris", "Europe/Amsterdam", "Europe/Madrid", "Europe/Warsaw",
        "Europe/Helsinki", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo",
        "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney",
    ];
}
