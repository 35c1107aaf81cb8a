using System.Text.Json;

namespace BreachNotify.Detections;

/// <summary>One SIEM wire format: recognises its own shape and parses one item of it.</summary>
public interface IDetectionFormat
{
    /// <summary>The format's name (<see cref="DetectionFormats"/>).</summary>
    string Name { get; }

    /// <summary>Whether <paramref name="item"/> (one detection, already unwrapped from arrays) looks like this format.</summary>
    bool Recognizes(JsonElement item);

    /// <summary>
    /// Unwraps the items of a body in this format (an array, or a wrapper such as Kibana's <c>context.alerts</c>);
    /// formats without a wrapper return null and the parser treats the body as one item or a plain array.
    /// </summary>
    IReadOnlyList<JsonElement>? Unwrap(JsonElement body) => null;

    /// <summary>Parses one item; <paramref name="path"/> prefixes field names in errors (for example "$[2]").</summary>
    DetectionParseResult Parse(JsonElement item, string source, string path);
}
