namespace BreachNotify.Parties;

/// <summary>
/// A customer's optional second channel: notices are also POSTed to <see cref="Url"/>, signed with HMAC-SHA256.
/// The secret never sits in the directory; <see cref="SecretName"/> names the configuration key
/// <c>Webhooks:{SecretName}:Secret</c> that holds it.
/// </summary>
public sealed record Webhook
{
    public required string Url { get; init; }

    public required string SecretName { get; init; }
}
