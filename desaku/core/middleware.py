from django.conf import settings


class IndonesianByDefaultMiddleware:
    """Indonesian unless the user picked another language: the browser's Accept-Language is ignored,
    since office and phone browsers are often set to English while staff work in Indonesian."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META["HTTP_ACCEPT_LANGUAGE"] = settings.LANGUAGE_CODE
        return self.get_response(request)
