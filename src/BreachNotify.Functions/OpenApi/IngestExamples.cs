using System.Text.Json.Nodes;
using BreachNotify.Detections;

namespace BreachNotify.Functions.OpenApi;

/// <summary>
/// One example body per SIEM format for <c>POST /api/detections</c>: the shared fixtures of <c>tests/fixtures/siem</c>,
/// embedded in the assembly as <c>examples.FORMAT.json</c> (and <c>cef.log</c> for the text format).
/// </summary>
public static class IngestExamples
{
    /// <summary>The JSON formats, in the order the reference page lists them.</summary>
    public static IReadOnlyList<string> JsonFormats { get; } =
    [
        DetectionFormats.Generic,
        DetectionFormats.Ocsf,
        DetectionFormats.Sentinel,
        DetectionFormats.Splunk,
        DetectionFormats.Elastic,
        DetectionFormats.QRadar,
        DetectionFormats.PagerDuty,
    ];

    /// <summary>The formats read from <c>text/plain</c> bodies.</summary>
    public static IReadOnlyList<string> TextFormats { get; } = [DetectionFormats.Cef];

    /// <summary>Every format name, JSON first.</summary>
    public static IReadOnlyList<string> Formats { get; } = [.. JsonFormats, .. TextFormats];

    /// <summary>What each example shows, as its summary on the reference page.</summary>
    public static IReadOnlyDictionary<string, string> Summaries { get; } = new Dictionary<string, string>
    {
        [DetectionFormats.Generic] = "Generic JSON: a sub-processor's breach report",
        [DetectionFormats.Ocsf] = "OCSF Detection Finding (2004): exfiltration",
        [DetectionFormats.Sentinel] = "Microsoft Sentinel incident (automation rule / Logic App payload)",
        [DetectionFormats.Splunk] = "Splunk webhook alert action (authenticate with &token=)",
        [DetectionFormats.Elastic] = "Kibana / Elastic webhook with context.alerts",
        [DetectionFormats.QRadar] = "IBM QRadar offense",
        [DetectionFormats.PagerDuty] = "PagerDuty Events API v2 trigger",
        [DetectionFormats.Cef] = "ArcSight CEF lines (text/plain, one event per line): DLP exfiltration",
    };

    /// <summary>The raw example body of a format, exactly as embedded.</summary>
    public static string Raw(string format)
    {
        using var stream = typeof(IngestExamples).Assembly.GetManifestResourceStream(ResourceName(format))
            ?? throw new InvalidOperationException($"No embedded OpenAPI example for the format '{format}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The example body of a format as the document shows it: parsed JSON, or the text as one string.</summary>
    public static JsonNode Body(string format) =>
        TextFormats.Contains(format)
            ? JsonValue.Create(Raw(format))
            : JsonNode.Parse(Raw(format)) ?? throw new InvalidOperationException($"The OpenAPI example for '{format}' is empty.");

    private static string ResourceName(string format) =>
        $"BreachNotify.Functions.OpenApi.examples.{format}.{(TextFormats.Contains(format) ? "log" : "json")}";
}
