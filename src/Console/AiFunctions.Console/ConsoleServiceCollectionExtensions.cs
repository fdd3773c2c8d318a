using System.Security.Claims;
using AiFunctions.Console.Api;
using AiFunctions.Console.Configuration;
using AiFunctions.Console.Security;
using AiFunctions.Console.Time;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace AiFunctions.Console;

/// <summary>Registration and pipeline of the operator console (docs/console.md).</summary>
public static class ConsoleServiceCollectionExtensions
{
    /// <summary>
    /// Adds the console: its options (validated now and at start, naming the setting), the typed API client, the sign-in
    /// (<see cref="ConsoleSignIn.ApiKey"/>: cookie + server-side key store; <see cref="ConsoleSignIn.EntraId"/>:
    /// Microsoft.Identity.Web) and Razor components with interactive server rendering.
    /// </summary>
    public static IServiceCollection AddOperatorConsole(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ConsoleOptions.Section);
        var options = section.Get<ConsoleOptions>() ?? new ConsoleOptions();
        var validator = new ConsoleOptionsValidator(configuration);
        var check = validator.Validate(null, options);
        if (check.Failed)
        {
            throw new OptionsValidationException(ConsoleOptions.Section, typeof(ConsoleOptions), check.Failures);
        }

        services.AddOptions<ConsoleOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsoleOptions>>(validator);
        services.AddSingleton(TimeProvider.System);

        services.AddHttpClient(ManagementApi.ClientName, (sp, http) =>
        {
            var o = sp.GetRequiredService<IOptions<ConsoleOptions>>().Value;
            http.BaseAddress = o.ApiBaseUri;
            http.Timeout = o.ApiTimeout;
        });
        services.AddScoped(sp => new ManagementApi(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ManagementApi.ClientName),
            sp.GetRequiredService<IApiCredential>()));
        services.AddScoped<ViewerTimeZone>();

        if (options.SignIn == ConsoleSignIn.EntraId)
        {
            services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApp(configuration.GetSection("AzureAd"))
                .EnableTokenAcquisitionToCallDownstreamApi([options.ApiScope!])
                .AddInMemoryTokenCaches();
            services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o =>
            {
                // Entra app roles arrive in "roles"; the same role names as the API's (docs/security.md).
                o.TokenValidationParameters.RoleClaimType = "roles";
                o.TokenValidationParameters.NameClaimType = "preferred_username";
            });
            services.AddScoped<IApiCredential, EntraIdCredential>();
        }
        else
        {
            services.AddSingleton<ApiKeySessionStore>();
            services.AddScoped<IApiCredential, ApiKeySessionCredential>();
            services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
            {
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = "aifunctions.console";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = options.SessionIdleTimeout;
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = context =>
                {
                    // The cookie is only as good as its server-side session: signed out, expired or restarted = sign in again.
                    var sessions = context.HttpContext.RequestServices.GetRequiredService<ApiKeySessionStore>();
                    if (sessions.Find(context.Principal?.FindFirst(ConsoleClaims.Session)?.Value) is null)
                    {
                        context.RejectPrincipal();
                        return context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }

                    return Task.CompletedTask;
                };
            });
        }

        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddRazorComponents().AddInteractiveServerComponents();
        return services;
    }

    /// <summary>The middleware: errors page outside Development, authentication, authorization, antiforgery.</summary>
    public static WebApplication UseOperatorConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Static assets, the components, <c>GET /health</c> (anonymous) and <c>POST /signout</c>.</summary>
    public static WebApplication MapOperatorConsole<TApp>(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapStaticAssets();
        app.MapGet("/health", () => Results.Json(new ConsoleHealth("healthy"))).AllowAnonymous();
        app.MapPost("/signout", async (HttpContext context, IOptions<ConsoleOptions> options) =>
        {
            if (options.Value.SignIn == ConsoleSignIn.ApiKey)
            {
                context.RequestServices.GetRequiredService<ApiKeySessionStore>().Close(context.User.FindFirst(ConsoleClaims.Session)?.Value);
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
                return Results.LocalRedirect("/signin");
            }

            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
        });
        app.MapRazorComponents<TApp>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>Builds the principal of an API-key sign-in from what the API said about the key.</summary>
    internal static ClaimsPrincipal PrincipalOf(CallerInfo caller, string sessionId)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, caller.Name), new(ConsoleClaims.Tenant, caller.Tenant), new(ConsoleClaims.Session, sessionId) };
        claims.AddRange(caller.Roles.Where(ConsoleClaims.Roles.Contains).Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}

/// <summary>Answer of the console's own <c>GET /health</c>.</summary>
public sealed record ConsoleHealth(string Status);
