using Microsoft.Extensions.Logging;

namespace BreachNotify.Functions.Hosting;

/// <summary>The logger factory of the app, its loggers writing through <see cref="LogRedaction"/>.</summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => RedactedState.Of(state, state.ToString() ?? "") is { } redacted ? inner.BeginScope(redacted) : inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel) || state is null)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            if (RedactedState.Of(state, formatter(state, exception)) is not { } redacted)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            inner.Log(logLevel, eventId, redacted, exception, static (s, _) => s.ToString() ?? "");
        }
    }
}
