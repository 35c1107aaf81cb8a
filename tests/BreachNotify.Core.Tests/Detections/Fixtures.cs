using BreachNotify.Detections;
using System.Text.Json;

namespace BreachNotify.Tests.Detections;

/// <summary>Reads the sample payloads copied from tests/fixtures into the output folder.</summary>
internal static class Fixtures
{
    public static JsonElement Siem(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "siem", fileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static DateTimeOffset Ms(long epochMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds);

    public static string? Evidence(this NormalizedDetection detection, string name) =>
        detection.Evidence.FirstOrDefault(e => e.Name == name)?.Value;

    /// <summary>Parses one item with one format and insists on a single valid detection.</summary>
    public static NormalizedDetection Single(IDetectionFormat format, JsonElement item, string source = "siem-test")
    {
        var result = format.Parse(item, source, "$");
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return Assert.Single(result.Detections);
    }
}
