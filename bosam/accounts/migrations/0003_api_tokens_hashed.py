"""API keys are stored hashed and expire (ApiToken). The plain-text keys of Django REST
framework's authtoken are moved over: each becomes an ApiToken with the digest of the same key (so
an integration keeps working) valid for the installation's BOSAM_API_TOKEN_DAYS from today, and the
plain-text row is deleted."""

import hashlib
from datetime import timedelta

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def hash_plain_text_keys(apps, schema_editor):
    from django.utils import timezone

    Token = apps.get_model("authtoken", "Token")
    ApiToken = apps.get_model("accounts", "ApiToken")
    expires = timezone.now() + timedelta(days=settings.BOSAM_API_TOKEN_DAYS)
    for token in Token.objects.all():
        ApiToken.objects.create(
            user_id=token.user_id,
            name="Nyckel från före december 2026",
            prefix=token.key[:8],
            digest=hashlib.sha256(token.key.encode()).hexdigest(),
            expires_at=expires,
        )
    Token.objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_office_active_and_service_accounts'),
        ('authtoken', '0004_alter_tokenproxy_options'),
    ]

    operations = [
        migrations.CreateModel(
            name='ApiToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, verbose_name='namn')),
                ('prefix', models.CharField(max_length=12, verbose_name='början av nyckeln')),
                ('digest', models.CharField(max_length=64, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('expires_at', models.DateTimeField(verbose_name='gäller till')),
                ('last_used_at', models.DateTimeField(blank=True, null=True, verbose_name='senast använd')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='återkallad')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='api_tokens', to=settings.AUTH_USER_MODEL, verbose_name='användare')),
            ],
            options={
                'verbose_name': 'API-nyckel',
                'verbose_name_plural': 'API-nycklar',
                'ordering': ['-created_at'],
            },
        ),
        migrations.RunPython(hash_plain_text_keys, migrations.RunPython.noop),
    ]
