using System.Text.RegularExpressions;

namespace BreachNotify.MailCapture.SendGridApi;

/// <summary>
/// The subset of the Email Activity query language BreachNotify relies on:
/// <c>unique_args['KEY']="VALUE"</c> (or <c>custom_args[...]</c>), <c>to_email="..."</c> and <c>msg_id="..."</c>, joined by AND.
/// </summary>
internal static partial class ActivityQuery
{
    /// <summary>A filter for the query, or null when the query is outside the supported subset (the caller answers 400).</summary>
    public static Func<CapturedMail, bool>? Parse(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
            return _ => true;

        var conditions = new List<Func<CapturedMail, bool>>();
        foreach (var term in AndSeparator().Split(query.Trim()))
        {
            var condition = ParseTerm(term);
            if (condition is null)
                return null;
            conditions.Add(condition);
        }
        return mail => conditions.TrueForAll(c => c(mail));
    }

    private static Func<CapturedMail, bool>? ParseTerm(string term)
    {
        if (ArgTerm().Match(term) is { Success: true } arg)
        {
            var key = arg.Groups["key"].Value;
            var value = arg.Groups["value"].Value;
            return mail => mail.CustomArgs.TryGetValue(key, out var actual) && actual == value;
        }

        if (FieldTerm().Match(term) is { Success: true } field)
        {
            var value = field.Groups["value"].Value;
            return field.Groups["field"].Value switch
            {
                "to_email" => mail => string.Equals(mail.To, value, StringComparison.OrdinalIgnoreCase),
                _ => mail => mail.MessageId == value,
            };
        }

        return null;
    }

    [GeneratedRegex(@"\s+AND\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndSeparator();

    [GeneratedRegex("""^(?:unique_args|custom_args)\['(?<key>[^']+)'\]\s*=\s*"(?<value>[^"]*)"$""")]
    private static partial Regex ArgTerm();

    [GeneratedRegex("""^(?<field>to_email|msg_id)\s*=\s*"(?<value>[^"]*)"$""")]
    private static partial Regex FieldTerm();
}
