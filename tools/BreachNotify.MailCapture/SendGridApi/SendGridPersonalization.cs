using System.Text.Json;

namespace BreachNotify.MailCapture.SendGridApi;

internal sealed record SendGridPersonalization(
    IReadOnlyList<SendGridAddress>? To,
    string? Subject,
    IReadOnlyDictionary<string, string>? Substitutions,
    IReadOnlyDictionary<string, string>? CustomArgs,
    JsonElement? DynamicTemplateData);
