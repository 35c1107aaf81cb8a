namespace BreachNotify.Adapters.SendGrid;

/// <summary>Hands one message with up to 1,000 recipients to the mail provider.</summary>
public interface IMailSender
{
    Task<MailSendOutcome> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}
