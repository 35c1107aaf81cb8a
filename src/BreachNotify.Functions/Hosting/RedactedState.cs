using System.Collections;

namespace BreachNotify.Functions.Hosting;

/// <summary>A log line's state (or a scope) with its text and values redacted; shaped as the framework's own states are.</summary>
internal sealed class RedactedState(IReadOnlyList<KeyValuePair<string, object?>> values, string text) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => values.Count;

    public KeyValuePair<string, object?> this[int index] => values[index];

    /// <summary>
    /// Null when nothing in the state needs redacting (no copy, the common case), else a redacted copy. Values
    /// other than strings count by their text; the message template (<c>{OriginalFormat}</c>) is kept.
    /// </summary>
    public static RedactedState? Of(object state, string text)
    {
        var redactedText = LogRedaction.Redact(text);
        var changed = redactedText != text;
        List<KeyValuePair<string, object?>>? redactedValues = null;
        // Log states and scopes (the framework's and [LoggerMessage]'s) are lists of pairs; other scopes count by their text.
        var pairs = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
        var index = 0;
        foreach (var (key, value) in pairs)
        {
            var kept = Value(key, value);
            if (!ReferenceEquals(kept, value) && redactedValues is null)
            {
                // The first value that needs redacting: copy those before it as they are.
                redactedValues = [.. pairs.Take(index)];
            }

            redactedValues?.Add(new(key, kept));
            index++;
        }

        return changed || redactedValues is not null
            ? new RedactedState(redactedValues ?? [.. pairs], redactedText)
            : null;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => text;

    private static object? Value(string key, object? value)
    {
        if (value is null or ValueType || key == "{OriginalFormat}")
        {
            return value;
        }

        var text = value.ToString() ?? "";
        var redacted = LogRedaction.Redact(text);
        return redacted == text ? value : redacted;
    }
}
