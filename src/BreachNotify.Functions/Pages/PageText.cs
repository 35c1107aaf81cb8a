using System.Globalization;

namespace BreachNotify.Functions.Pages;

/// <summary>What the pages show of a value: the one cleaning rule for text a person reads (Razor encodes it), times in UTC.</summary>
public static class PageText
{
    public static string Clean(string? value) => ReadableText.Clean(value ?? "", keepLines: true);

    public static string Utc(DateTimeOffset? at) =>
        at is { } t ? t.ToUniversalTime().ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture) : "-";
}
