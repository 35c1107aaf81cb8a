
namespace BreachNotify.Application.Acknowledgements;

/// <summary>What a token led to: the notice (when the token is valid) and whether this request recorded the acknowledgement.</summary>
public sealed record AcknowledgementResult(AcknowledgementLookup Lookup, NoticeRecord? Notice, bool RecordedNow = false);
