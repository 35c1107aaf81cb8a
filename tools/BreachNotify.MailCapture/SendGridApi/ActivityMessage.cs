namespace BreachNotify.MailCapture.SendGridApi;

/// <summary>One row of the Email Activity API's <c>GET /v3/messages</c>.</summary>
internal sealed record ActivityMessage(
    string MsgId,
    string ToEmail,
    string Subject,
    string Status,
    int OpensCount,
    int ClicksCount,
    string LastEventTime);
