namespace BreachNotify.OtherNotices;

/// <summary>The review reminder went to <see cref="Commanders"/> commanders.</summary>
public sealed record RecordReviewMailed(int Commanders) : MatterMessage;
