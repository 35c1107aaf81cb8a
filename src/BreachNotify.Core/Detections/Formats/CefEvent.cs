namespace BreachNotify.Detections.Formats;

/// <summary>
/// One CEF event as read from its line: the seven header fields and the extension's pairs, all unescaped.
/// <see cref="Text"/> is the line from <c>CEF:</c> on (no syslog prefix), so a resend through another relay is the same text.
/// </summary>
internal sealed record CefEvent(
    string Version,
    string DeviceVendor,
    string DeviceProduct,
    string DeviceVersion,
    string DeviceEventClassId,
    string Name,
    string Severity,
    IReadOnlyDictionary<string, string> Extension,
    string Text)
{
    /// <summary>The value of an extension key (its short name), or null when absent or blank.</summary>
    public string? Get(string key) =>
        Extension.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
