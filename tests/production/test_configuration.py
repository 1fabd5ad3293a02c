"""Configuration read from the environment: S3-compatible media, read replicas, throttle rates, sessions.

No network: the S3 storage is built and asked for a signed URL, which boto3 computes locally.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.settings import env

from .conftest import django_child

S3 = {
    "CMS_MEDIA_S3_BUCKET": "aso-media",
    "CMS_MEDIA_S3_ENDPOINT_URL": "https://s3.example.org",
    "CMS_MEDIA_S3_REGION": "eu-central-1",
    "CMS_MEDIA_S3_PREFIX": "/cms/",
}


def test_no_bucket_means_local_files():
    assert env.media_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_bucket_gives_a_private_s3_storage():
    storage = env.media_storage(S3)
    assert storage == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "aso-media",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 3600,
            "file_overwrite": False,
            "location": "cms",
            "endpoint_url": "https://s3.example.org",
            "region_name": "eu-central-1",
        },
    }


def test_a_malformed_endpoint_is_refused():
    with pytest.raises(ImproperlyConfigured, match="CMS_MEDIA_S3_ENDPOINT_URL"):
        env.media_storage({**S3, "CMS_MEDIA_S3_ENDPOINT_URL": "s3.example.org"})


@pytest.mark.slow
def test_production_builds_the_s3_storage_from_the_environment(prod_env):
    """The whole path: environment → settings → django-storages' S3Storage, which signs URLs to the bucket."""
    code = """
from django.core.files.storage import storages
default_storage = storages["default"]
url = default_storage.url("original_images/photo.jpg")
print(json.dumps([type(default_storage).__name__, default_storage.bucket_name, url]))
"""
    credentials = {"AWS_ACCESS_KEY_ID": "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "example-secret"}
    name, bucket, url = django_child(code, prod_env(**S3, **credentials))
    assert (name, bucket) == ("S3Storage", "aso-media")
    assert url.startswith("https://s3.example.org/aso-media/cms/original_images/photo.jpg?")
    assert "Signature" in url


def test_replicas_become_extra_databases():
    databases = env.database_settings("postgresql:///primary", ["postgresql:///copy1", "postgresql://h2/copy2"])
    assert list(databases) == ["default", "replica_1", "replica_2"]
    assert databases["replica_2"]["HOST"] == "h2" and databases["replica_2"]["NAME"] == "copy2"
    assert databases["replica_1"]["TEST"] == {"MIRROR": "default"}


@pytest.mark.parametrize(
    "value, rate",
    [("120/minute", "120/minute"), ("5/s", "5/second"), ("1000/hour", "1000/hour"), ("off", None), (None, "9/day")],
)
def test_throttle_rates(value, rate):
    assert env.throttle_rate(value, "9/day") == rate


@pytest.mark.parametrize("value", ["fast", "0/minute", "10/fortnight", "-3/m"])
def test_malformed_throttle_rates_are_refused(value):
    with pytest.raises(ImproperlyConfigured, match="CMS_API_THROTTLE_RATE"):
        env.throttle_rate(value, "9/day")


def test_session_stores():
    assert env.session_engine(None) == "django.contrib.sessions.backends.db"
    assert env.session_engine("cached_db") == "django.contrib.sessions.backends.cached_db"
    with pytest.raises(ImproperlyConfigured, match="CMS_SESSIONS"):
        env.session_engine("files")
