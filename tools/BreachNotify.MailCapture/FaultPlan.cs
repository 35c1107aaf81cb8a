namespace BreachNotify.MailCapture;

/// <summary>
/// Faults the mail send endpoint injects, changeable while the server runs.
/// Only <c>POST /v3/mail/send</c> is affected, so a test's arming is consumed by the send it targets.
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private int _remaining;
    private int _statusCode;
    private TimeSpan? _retryAfter;
    private TimeSpan _delay;
    private TimeSpan _answerDelay;

    /// <summary>How long each send waits before it is handled; longer than a client's timeout simulates a hung SendGrid.</summary>
    public TimeSpan Delay
    {
        get { lock (_gate) return _delay; }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (_gate) _delay = value;
        }
    }

    /// <summary>
    /// How long an accepted send waits, already captured, before its 202 is written: SendGrid has the mail while the
    /// client still waits for the answer (a client that gives up or dies meanwhile never hears it was accepted).
    /// </summary>
    public TimeSpan AnswerDelay
    {
        get { lock (_gate) return _answerDelay; }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (_gate) _answerDelay = value;
        }
    }

    /// <summary>The next <paramref name="count"/> sends answer <paramref name="statusCode"/> and capture nothing.</summary>
    public void FailNext(int count, int statusCode, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        if (retryAfter is { } wait)
            ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero, nameof(retryAfter));

        lock (_gate)
        {
            _remaining = count;
            _statusCode = statusCode;
            _retryAfter = retryAfter;
        }
    }

    /// <summary>Back to a healthy SendGrid: no failures armed, no delay.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _remaining = 0;
            _delay = TimeSpan.Zero;
            _answerDelay = TimeSpan.Zero;
        }
    }

    /// <summary>Consumes one armed failure, if any; taking and counting down is one step so concurrent sends cannot both take the last one.</summary>
    internal bool TryTakeFailure(out int statusCode, out TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            statusCode = _statusCode;
            retryAfter = _retryAfter;
            if (_remaining == 0)
                return false;
            _remaining--;
            return true;
        }
    }
}
