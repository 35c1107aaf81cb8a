namespace BreachNotify.Notices;

/// <summary>How a notice travels: mail to a contact (the default) or a signed HTTPS POST to the customer's webhook.</summary>
public enum RecipientChannel
{
    Email,
    Webhook,
}
