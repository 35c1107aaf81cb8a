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
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            if (state is null)
            {
                inner.Log(logLevel, eventId, state, RedactedException.Of(exception), formatter);
                return;
            }

            // Formatted once here; the sinks get this text rather than formatting again.
            var message = formatter(state, exception);
            var shown = RedactedException.Of(exception);
            if (RedactedState.Of(state, message) is not { } redacted)
            {
                inner.Log(logLevel, eventId, state, shown, (_, _) => message);
                return;
            }

            inner.Log(logLevel, eventId, redacted, shown, static (s, _) => s.ToString() ?? "");
        }
    }
}
