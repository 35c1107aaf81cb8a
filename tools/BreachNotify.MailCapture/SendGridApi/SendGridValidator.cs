namespace BreachNotify.MailCapture.SendGridApi;

/// <summary>
/// The checks SendGrid makes before accepting a send, reported all at once like SendGrid does,
/// so a client bug fails against the capture the way it would fail in production.
/// </summary>
internal static class SendGridValidator
{
    public const int MaxPersonalizations = 1000;

    public static IReadOnlyList<SendGridError> Validate(SendGridMailRequest request)
    {
        var errors = new List<SendGridError>();
        var personalizations = request.Personalizations ?? [];
        var templated = !string.IsNullOrWhiteSpace(request.TemplateId);

        if (personalizations.Count == 0)
            errors.Add(new("The personalizations field is required and must have at least one personalization.", "personalizations"));
        else if (personalizations.Count > MaxPersonalizations)
            errors.Add(new($"The personalizations field is limited to {MaxPersonalizations} personalizations per request.", "personalizations"));
        else
            ValidateRecipients(personalizations, errors);

        if (!IsEmail(request.From?.Email))
            errors.Add(new("The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.", "from.email"));

        var everyPersonalizationHasSubject = personalizations.Count > 0 && personalizations.All(p => !string.IsNullOrEmpty(p.Subject));
        if (!templated && string.IsNullOrEmpty(request.Subject) && !everyPersonalizationHasSubject)
            errors.Add(new("The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.", "subject"));

        var content = request.Content ?? [];
        if (!templated && content.Count == 0)
            errors.Add(new("Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.", "content"));
        ValidateContent(content, errors);

        return errors;
    }

    private static void ValidateRecipients(IReadOnlyList<SendGridPersonalization> personalizations, List<SendGridError> errors)
    {
        // SendGrid refuses the whole request when one address appears twice in it, whichever personalizations hold it.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var address in personalizations.SelectMany(p => p.To ?? []).Select(a => a.Email).OfType<string>())
        {
            if (!seen.Add(address))
            {
                errors.Add(new($"Each unique email address in the personalizations array should only be included once. You have included {address} more than once.", "personalizations"));
                break;
            }
        }

        for (var i = 0; i < personalizations.Count; i++)
        {
            var to = personalizations[i].To ?? [];
            if (to.Count == 0)
                errors.Add(new("The to array is required for all personalization objects, and must have at least one email object with a valid email address.", $"personalizations.{i}.to"));
            for (var j = 0; j < to.Count; j++)
            {
                if (!IsEmail(to[j].Email))
                    errors.Add(new("Does not contain a valid address.", $"personalizations.{i}.to.{j}.email"));
            }
        }
    }

    private static void ValidateContent(IReadOnlyList<SendGridContent> content, List<SendGridError> errors)
    {
        for (var i = 0; i < content.Count; i++)
        {
            if (string.IsNullOrEmpty(content[i].Type))
                errors.Add(new("The content type must be provided.", $"content.{i}.type"));
            if (string.IsNullOrEmpty(content[i].Value))
                errors.Add(new("The content value must be a string at least one character in length.", $"content.{i}.value"));
        }

        // SendGrid insists on this order; a client that reverses it gets a 400 in production.
        var plain = IndexOfType(content, "text/plain");
        var html = IndexOfType(content, "text/html");
        if (plain >= 0 && html >= 0 && plain > html)
            errors.Add(new("If present, text/plain and text/html may only be provided in the order text/plain, text/html.", "content"));
    }

    public static int IndexOfType(IReadOnlyList<SendGridContent> content, string type)
    {
        for (var i = 0; i < content.Count; i++)
        {
            if (string.Equals(content[i].Type, type, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }

    // Deliberately loose: the capture checks shape, not deliverability.
    private static bool IsEmail(string? email) =>
        email is { Length: >= 3 } && email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < email.Length - 1;
}
