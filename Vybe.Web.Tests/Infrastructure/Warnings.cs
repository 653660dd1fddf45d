using System.Collections;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>The warnings the app logs, as their text: a logger provider a test adds to read them.</summary>
public sealed class Warnings : ILoggerProvider, ILogger, IEnumerable<string>
{
    private readonly ConcurrentQueue<string> lines = new();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            lines.Enqueue(formatter(state, exception));
        }
    }

    public IEnumerator<string> GetEnumerator() => lines.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
    }
}
