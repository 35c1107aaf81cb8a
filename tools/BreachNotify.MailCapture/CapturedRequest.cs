namespace BreachNotify.MailCapture;

/// <summary>
/// One <c>POST /v3/mail/send</c> as the capture saw it, whatever its answer: when it came and was answered, the status
/// (0: the client went away first), the body's size in bytes and its personalizations (0 when it was not read), and
/// the W3C <c>traceparent</c> the client sent (null without one): which trace the send belongs to.
/// </summary>
public sealed record CapturedRequest(int RequestNumber, DateTimeOffset ReceivedAt, DateTimeOffset AnsweredAt, int Status, long Bytes, int Personalizations, string? TraceParent = null);
