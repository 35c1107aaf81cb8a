namespace BreachNotify.MailCapture;

/// <summary>The captured mails and the send counter, shared by the endpoints and the server's test API.</summary>
internal sealed class MailStore
{
    private readonly Lock _gate = new();
    private readonly List<CapturedMail> _mails = [];
    private readonly List<CapturedRequest> _requests = [];
    private TaskCompletionSource _changed = NewSignal();
    private int _requestCount;

    public int RequestCount => Volatile.Read(ref _requestCount);

    public int NextRequestNumber() => Interlocked.Increment(ref _requestCount);

    public IReadOnlyList<CapturedMail> Snapshot()
    {
        lock (_gate) return _mails.ToArray();
    }

    public IReadOnlyList<CapturedRequest> Requests()
    {
        lock (_gate) return _requests.ToArray();
    }

    public void Log(CapturedRequest request)
    {
        lock (_gate) _requests.Add(request);
    }

    public void Add(IReadOnlyCollection<CapturedMail> mails)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _mails.AddRange(mails);
            changed = _changed;
            _changed = NewSignal();
        }
        changed.TrySetResult();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _mails.Clear();
            _requests.Clear();
            Interlocked.Exchange(ref _requestCount, 0);
        }
    }

    public async Task<IReadOnlyList<CapturedMail>> WaitForAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_mails.Count >= count)
                    return _mails.ToArray();
                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                var got = Snapshot().Count;
                throw new TimeoutException($"Expected {count} mail(s) within {timeout}, captured {got}.");
            }
        }
    }

    // Continuations run off the lock-holding thread so a waiter never runs inside Add.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
