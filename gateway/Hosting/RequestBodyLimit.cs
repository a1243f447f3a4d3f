using Microsoft.AspNetCore.Http.Features;

namespace DataSelection.Gateway.Hosting;

/// <summary>
/// Refuses request bodies over <c>DataSelection:MaxRequestBodyBytes</c> (default 64 KB) with 413:
/// at once when Content-Length says so, otherwise while reading (Kestrel's per-request limit).
/// The longest legitimate body, a reflection, is well under it.
/// </summary>
public static class RequestBodyLimit
{
    public const string ConfigurationKey = "DataSelection:MaxRequestBodyBytes";
    public const long DefaultBytes = 64 * 1024;

    public static IApplicationBuilder UseRequestBodyLimit(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limit = app.Configuration.GetValue(ConfigurationKey, DefaultBytes);
        return app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > limit)
            {
                await Auth.LabAuthentication.WriteProblem(context, StatusCodes.Status413PayloadTooLarge, "Payload Too Large",
                    $"The request body is larger than {limit} bytes.").ConfigureAwait(false);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
            await next(context).ConfigureAwait(false);
        });
    }
}
