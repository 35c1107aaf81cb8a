using BreachNotify.Notices;

namespace BreachNotify.Tests.Notices;

public sealed class NoticeSendingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(30);
    private static readonly DateTimeOffset Expiry = new(2026, 12, 20, 9, 0, 0, TimeSpan.Zero);

    private static readonly AttemptOutcome Accepted = new(true, false, false, null);
    private static readonly AttemptOutcome NoAnswer = new(false, true, true, "timeout");
    private static readonly AttemptOutcome TooManyRequests = new(false, false, true, "429 too many requests");
    private static readonly AttemptOutcome BadRequest = new(false, false, false, "400 bad request");

    /// <summary>Claimed once at <see cref="Now"/> with link "h1".</summary>
    private static Notice Claimed => new()
    {
        Status = NoticeStatus.Sending, Attempts = 1, FirstAttemptAt = Now, SendingSince = Now, TokenHashes = "h1", TokenExpiresAt = Expiry,
    };

    [Fact]
    public void Claim_APlannedNotice_MakesItSending_WithItsFirstAttemptAndLink()
    {
        var step = Notice.Planned.Claim(Now, Lease, "h1", Expiry);

        Assert.Equal(NoticeOutcome.Applied, step.Outcome);
        Assert.Equal(Claimed, step.Next);
    }

    [Fact]
    public void Claim_WhileAnotherWorkersLeaseRuns_IsRefused()
    {
        var step = Claimed.Claim(Now.AddSeconds(59), Lease, "h2", Expiry);

        Assert.Equal(NoticeOutcome.Refused, step.Outcome);
        Assert.False(step.Writes);
        Assert.True(Claimed.IsHeld(Now.AddSeconds(59), Lease));
        Assert.False(Claimed.IsClaimable(Now.AddSeconds(59), Lease));
    }

    [Fact]
    public void Claim_PastTheLease_TakesItOver_KeepingTheFirstAttemptTimeAndEveryEarlierLink()
    {
        var later = Now.AddSeconds(60);

        var step = Claimed.Claim(later, Lease, "h2", Expiry.AddMinutes(1));

        Assert.Equal(NoticeOutcome.Applied, step.Outcome);
        Assert.Equal(2, step.Next.Attempts);
        Assert.Equal(Now, step.Next.FirstAttemptAt);
        Assert.Equal(later, step.Next.SendingSince);
        Assert.Equal("h1,h2", step.Next.TokenHashes);
        Assert.Equal(Expiry.AddMinutes(1), step.Next.TokenExpiresAt);
    }

    [Theory]
    [InlineData(NoticeStatus.Sent)]
    [InlineData(NoticeStatus.Delivered)]
    [InlineData(NoticeStatus.Bounced)]
    [InlineData(NoticeStatus.Failed)]
    [InlineData(NoticeStatus.Acknowledged)]
    public void Claim_ANoticeThatGotFurther_IsRefused(NoticeStatus status)
    {
        var step = (Claimed with { Status = status }).Claim(Now.AddHours(1), Lease, "h2", Expiry);

        Assert.Equal(NoticeOutcome.Refused, step.Outcome);
    }

    [Fact]
    public void RenewLease_CountsTheLeaseFromTheRenewal()
    {
        var step = Claimed.RenewLease(Now.AddSeconds(50));

        Assert.Equal(Now.AddSeconds(50), step.Next.SendingSince);
        Assert.True(step.Next.IsHeld(Now.AddSeconds(100), Lease));
        Assert.Equal(NoticeOutcome.Refused, (Claimed with { Status = NoticeStatus.Sent }).RenewLease(Now).Outcome);
    }

    [Fact]
    public void SettleAccepted_ATakenOverNoticeTheProviderHas_IsSentAtItsClaimsTime()
    {
        var step = Claimed.SettleAccepted(Now.AddMinutes(5));

        Assert.Equal(NoticeStatus.Sent, step.Next.Status);
        Assert.Equal(Now, step.Next.SentAt);
        Assert.Equal(1, step.Next.Attempts);
    }

    [Fact]
    public void RecordAttempt_Accepted_IsSent_AndForgetsTheLastError()
    {
        var step = (Claimed with { LastError = "deferred: try later" }).RecordAttempt(1, Accepted, Now.AddSeconds(2), GiveUp);

        Assert.Equal(NoticeStatus.Sent, step.Next.Status);
        Assert.Equal(Now.AddSeconds(2), step.Next.SentAt);
        Assert.Null(step.Next.LastError);
    }

    [Fact]
    public void RecordAttempt_NoAnswer_StaysSending_UnderItsClaim()
    {
        var step = Claimed.RecordAttempt(1, NoAnswer, Now.AddSeconds(2), GiveUp);

        Assert.Equal(NoticeStatus.Sending, step.Next.Status);
        Assert.Equal(Now, step.Next.SendingSince);
        Assert.Equal("timeout", step.Next.LastError);
        Assert.Null(step.Next.SentAt);
    }

    [Fact]
    public void RecordAttempt_Retryable_GoesBackToPending_ForAnyWorker()
    {
        var step = Claimed.RecordAttempt(1, TooManyRequests, Now.AddSeconds(2), GiveUp);

        Assert.Equal(NoticeStatus.Pending, step.Next.Status);
        Assert.Null(step.Next.SendingSince);
        Assert.Equal("429 too many requests", step.Next.LastError);
        Assert.True(step.Next.IsClaimable(Now.AddSeconds(2), Lease));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RecordAttempt_RetryableOrNoAnswer_PastTheTimeToDeliver_Fails(bool noAnswer)
    {
        var step = Claimed.RecordAttempt(1, noAnswer ? NoAnswer : TooManyRequests, Now.AddMinutes(30), GiveUp);

        Assert.Equal(NoticeStatus.Failed, step.Next.Status);
        Assert.Equal(noAnswer ? "timeout" : "429 too many requests", step.Next.LastError);
    }

    [Fact]
    public void RecordAttempt_NotRetryable_Fails()
    {
        var step = Claimed.RecordAttempt(1, BadRequest, Now.AddSeconds(2), GiveUp);

        Assert.Equal(NoticeStatus.Failed, step.Next.Status);
        Assert.Equal("400 bad request", step.Next.LastError);
    }

    [Fact]
    public void RecordAttempt_OfANoticeAnotherWorkerTookOver_IsRefused()
    {
        var takenOver = Claimed.Claim(Now.AddSeconds(60), Lease, "h2", Expiry).Next;

        var step = takenOver.RecordAttempt(1, Accepted, Now.AddSeconds(61), GiveUp);

        Assert.Equal(NoticeOutcome.Refused, step.Outcome);
        Assert.Equal(NoticeStatus.Sending, step.Next.Status);
    }

    [Fact]
    public void RecordAttempt_AfterADeliveryEventArrivedFirst_KeepsItsStatus_AndGainsTheSendingTime()
    {
        var delivered = Claimed with { Status = NoticeStatus.Delivered, DeliveredAt = Now.AddSeconds(1) };

        var step = delivered.RecordAttempt(1, Accepted, Now.AddSeconds(2), GiveUp);

        Assert.Equal(NoticeStatus.Delivered, step.Next.Status);
        Assert.Equal(Now.AddSeconds(2), step.Next.SentAt);
        Assert.Equal(NoticeOutcome.Applied, step.Outcome);
    }

    [Fact]
    public void RecordAttempt_FailedButAcknowledgedMeanwhile_ChangesNothing()
    {
        var acknowledged = Claimed with { Status = NoticeStatus.Acknowledged, AcknowledgedAt = Now.AddSeconds(1) };

        var step = acknowledged.RecordAttempt(1, BadRequest, Now.AddSeconds(2), GiveUp);

        Assert.Equal(NoticeOutcome.Unchanged, step.Outcome);
        Assert.False(step.Writes);
        Assert.Null(step.Next.LastError);
    }
}
