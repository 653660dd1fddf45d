namespace Vybe.Web.ErrorLog;

/// <summary>
/// What Sentry receives passes the error log's rules first (<see cref="SecretRedactor"/>): the
/// request's URL, query string and headers (a <c>Referer</c> can be a password-reset link), the
/// message and exception texts, and every breadcrumb (ASP.NET Core's "Request starting … GET
/// http://…?code=…" log line is one). Set as the SDK's BeforeSend and BeforeBreadcrumb callbacks.
/// </summary>
public static class SentryRedaction
{
    public static void Apply(SentryOptions options)
    {
        options.SetBeforeSend(Event);
        options.SetBeforeSendTransaction(Transaction);
        options.SetBeforeBreadcrumb(Breadcrumb);
    }

    public static SentryEvent Event(SentryEvent sentryEvent)
    {
        Request(sentryEvent.Request);
        if (sentryEvent.Message is { } message)
        {
            message.Message = Text(message.Message);
            message.Formatted = Text(message.Formatted);
        }
        foreach (var exception in sentryEvent.SentryExceptions ?? [])
        {
            exception.Value = Text(exception.Value);
        }
        foreach (var (key, value) in sentryEvent.Tags.ToList())
        {
            sentryEvent.SetTag(key, SecretRedactor.IsSecretKey(key) ? SecretRedactor.Redacted : SecretRedactor.RedactUrls(value));
        }
        foreach (var (key, value) in sentryEvent.Extra.ToList())
        {
            if (SecretRedactor.IsSecretKey(key))
            {
                sentryEvent.SetExtra(key, SecretRedactor.Redacted);
            }
            else if (value is string text)
            {
                sentryEvent.SetExtra(key, SecretRedactor.RedactUrls(text));
            }
        }
        return sentryEvent;
    }

    public static SentryTransaction Transaction(SentryTransaction transaction)
    {
        Request(transaction.Request);
        return transaction;
    }

    public static Breadcrumb Breadcrumb(Breadcrumb breadcrumb)
    {
        var message = Text(breadcrumb.Message);
        var data = breadcrumb.Data?.ToDictionary(
            pair => pair.Key,
            pair => SecretRedactor.IsSecretKey(pair.Key) ? SecretRedactor.Redacted : SecretRedactor.RedactUrls(pair.Value));
        var unchanged = ReferenceEquals(message, breadcrumb.Message)
            && (breadcrumb.Data is null || breadcrumb.Data.All(pair => ReferenceEquals(pair.Value, data![pair.Key])));
        return unchanged ? breadcrumb : new Breadcrumb(message!, breadcrumb.Type!, data, breadcrumb.Category, breadcrumb.Level);
    }

    private static void Request(SentryRequest? request)
    {
        if (request is null)
        {
            return;
        }
        request.Url = Text(request.Url);
        request.QueryString = Text(request.QueryString);
        request.Cookies = null; // never wanted here (the SDK leaves them out without SendDefaultPii anyway)
        foreach (var (name, value) in request.Headers.ToList())
        {
            request.Headers[name] = SecretRedactor.IsSecretKey(name) ? SecretRedactor.Redacted : SecretRedactor.RedactUrls(value);
        }
    }

    private static string? Text(string? text) => text is null ? null : SecretRedactor.RedactUrls(text);
}
