using System.Text.Json;

namespace BreachNotify.Detections;

/// <summary>
/// Finds the first string (a value or a property name) that cannot be read as text: invalid UTF-8 bytes, or an escaped
/// lone surrogate such as <c>"\ud800"</c>. <see cref="JsonDocument"/> accepts both and only <see cref="JsonElement.GetString"/>
/// throws, later; every body is checked once, whole, before anything reads it.
/// </summary>
public static class JsonText
{
    public const string Problem = "not valid text: invalid UTF-8 or a lone surrogate";

    /// <summary>The JSON path (<c>$.alert.title</c>, <c>$[0].id</c>) of the first unreadable string, or null when every string reads.</summary>
    public static string? FirstUnreadable(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(element) ? null : path;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return path;
                    }

                    if (FirstUnreadable(property.Value, $"{path}.{name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstUnreadable(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool Readable(JsonElement element)
    {
        try
        {
            _ = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
