namespace BreachNotify.Functions.Hosting;

/// <summary>
/// An exception as a log shows it, with <see cref="LogRedaction"/> applied to its text (Kestrel's bad-request errors
/// quote the request line, with its link token and query).
/// </summary>
internal sealed class RedactedException(Exception original, string text) : Exception(LogRedaction.Redact(original.Message))
{
    /// <summary>Part of <see cref="ToString"/>, redacted there.</summary>
    public override string? StackTrace => null;

    public override string ToString() => text;

    /// <summary>The exception itself when its text holds nothing to redact, else its redacted stand-in.</summary>
    public static Exception? Of(Exception? exception)
    {
        if (exception is null)
        {
            return null;
        }

        var text = exception.ToString();
        var redacted = LogRedaction.Redact(text);
        return redacted == text ? exception : new RedactedException(exception, redacted);
    }
}
